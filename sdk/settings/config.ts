import { inspect } from "node:util";
import { defaultConfigFilePath } from "./configFile";
import { type Credentials, findCredentials, missingCredentials, resolveCredentials } from "./credentials";
import { apiGatewaySite, apiGatewayEndpoint } from "./apiGateway";
import { type ServerRoleCredentials, serverRoleSource } from "./serverRoleCredentials";
import { parseEndpointOverrides } from "./endpointOverrides";
import {
  DEFAULT_REGION,
  type Region,
  type Service,
  type Site,
  overrideOrigin,
  parseRegion,
  parseSite,
  searchEnginePathPrefix,
  servicePathPrefix,
  siteOrigin,
} from "./endpoints";
import { NcloudError, type ServiceName } from "../errors/errors";
import { maskKeyId } from "../errors/redact";
import { displayEndpoint } from "../call/sendPolicy";
import { booleanSetting } from "./settings";
import type { ConfigOptions } from "./configOptions";
import { SOCKETS_PER_ORIGIN, parseSocketCap } from "./socketCap";

export type { Credentials } from "./credentials";
export type { ConfigOptions } from "./configOptions";

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

/**
 * Resolved settings of one client. Secrets live in private fields, which neither
 * JSON.stringify nor util.inspect can see; toJSON and inspect show the rest with the key id masked.
 * Credentials are resolved on first use, so constructing a client never fails for lack of them.
 */
export class NcloudConfig {
  readonly #options: ConfigOptions;
  readonly #env: Record<string, string | undefined>;
  #credentials: Credentials | undefined;
  #overrides: Partial<Record<Service, string>> | undefined;
  #serverRole: ServerRoleCredentials | undefined;
  /** baseUrl's answers by service and region override: see baseUrl. */
  readonly #baseUrls = new Map<string, { origin: string; pathPrefix: string }>();

  constructor(options: ConfigOptions = {}) {
    this.#options = { ...options };
    this.#env = options.env ?? process.env;
  }

  get siteName(): string {
    return nonEmpty(this.#options.site) ?? nonEmpty(this.#env.NCLOUD_SITE) ?? apiGatewaySite(this.#env.NCLOUD_API_GW) ?? "public";
  }

  /** The configured region as written; undefined when none is set (the site's default applies). */
  get regionName(): unknown {
    const option: unknown = this.#options.region;
    if (option !== undefined && option !== null && !(typeof option === "string" && option.trim() === "")) return option;
    return nonEmpty(this.#env.NCLOUD_REGION);
  }

  get endpoint(): string | undefined {
    return nonEmpty(this.#options.endpoint) ?? nonEmpty(this.#env.NCLOUD_API_URL) ?? apiGatewayEndpoint(this.#env.NCLOUD_API_GW);
  }

  /** NCLOUD_DEBUG: true, false, 1 or 0 (any case); anything else is InvalidInput naming it. */
  get debugEnabled(): boolean {
    return booleanSetting(this.#env.NCLOUD_DEBUG, "NCLOUD_DEBUG");
  }

  /** The environment the client reads (proxy variables included). */
  get env(): Record<string, string | undefined> {
    return this.#env;
  }

  get allowInsecureHttp(): boolean {
    // A JavaScript caller can pass "false" (a string): strict, so it is refused, not taken as true.
    const option: unknown = this.#options.allowInsecureHttp;
    if (option !== undefined) return booleanSetting(option, "allowInsecureHttp");
    return booleanSetting(this.#env.NCLOUD_ALLOW_INSECURE_HTTP, "NCLOUD_ALLOW_INSECURE_HTTP");
  }

  /** The socket cap per origin: the option, else NCLOUD_MAX_SOCKETS_PER_ORIGIN, else the default. Throws InvalidInput out of range. */
  maxSocketsPerOrigin(operation: string): number {
    const option = this.#options.maxSocketsPerOrigin;
    if (option !== undefined) return parseSocketCap(option, "maxSocketsPerOrigin", operation);
    const variable = nonEmpty(this.#env.NCLOUD_MAX_SOCKETS_PER_ORIGIN);
    if (variable !== undefined) return parseSocketCap(variable, "NCLOUD_MAX_SOCKETS_PER_ORIGIN", operation);
    return SOCKETS_PER_ORIGIN.default;
  }

  /**
   * The credentials of one call: the first source that has them (credentials.ts: options, the
   * environment, one profile of the CLI file), else, when turned on, the server's role
   * (serverRoleCredentials.ts), read again before they expire.
   */
  async credentialsForCall(operation: string): Promise<Credentials> {
    if (this.#credentials) return this.#credentials;
    const found = findCredentials(operation, this.#sources());
    if (found) return (this.#credentials = found);
    this.#serverRole ??= serverRoleSource(this.#options, this.#env, operation);
    if (!this.#serverRole) throw missingCredentials(operation);
    return this.#serverRole.credentials(operation);
  }

  #sources() {
    return {
      accessKey: this.#options.accessKey,
      secretKey: this.#options.secretKey,
      env: this.#env,
      configFile: this.#options.configFile ?? defaultConfigFilePath(),
      profile: this.#options.profile,
    };
  }

  /** See credentials.ts for the order: options, the environment, then one profile of the CLI file. */
  credentials(operation: string): Credentials {
    this.#credentials ??= resolveCredentials(operation, this.#sources());
    return this.#credentials;
  }

  apiKey(operation: string): string {
    const key = nonEmpty(this.#options.apiKey) ?? nonEmpty(this.#env.NCLOUD_API_KEY);
    if (key) return key;
    throw new NcloudError(
      `${operation}: no API key for CLOVA NSML. Fix: pass apiKey (Pulumi config ncloud:apiKey) or set NCLOUD_API_KEY`,
      { code: "MissingApiKey", service: operation.split(".")[0] as ServiceName, operation },
    );
  }

  /** Every secret value this config could send, for scrubbing text that leaves the SDK. */
  knownSecrets(): string[] {
    return [
      this.#credentials?.secretKey,
      this.#options.secretKey,
      this.#options.apiKey,
      this.#env.NCLOUD_SECRET_KEY,
      this.#env.NCLOUD_SECRET_ACCESS_KEY,
      this.#env.NCLOUD_API_KEY,
    ].filter((s): s is string => typeof s === "string" && s !== "");
  }

  site(operation: string): Site {
    return parseSite(this.siteName, operation, nonEmpty(this.#options.site) !== undefined ? "option site" : "NCLOUD_SITE");
  }

  /**
   * Reads every setting that needs no credentials (booleans, site, endpoints), so that a bad one
   * fails here, where the provider's `configure` calls this, instead of at the first request.
   */
  checkSettings(operation: string): void {
    void this.debugEnabled;
    void this.allowInsecureHttp;
    this.site(operation);
    this.endpointOverrides(operation);
    const shared = this.endpoint;
    if (shared !== undefined) overrideOrigin(shared, "endpoint (NCLOUD_API_URL / ncloud:apiUrl)", operation);
  }

  /** The Search Engine region: the call's, else the configured one, else the site's default. */
  region(operation: string, override?: unknown): Region {
    const given = override ?? this.regionName;
    return given === undefined ? DEFAULT_REGION[this.site(operation)] : parseRegion(given, operation);
  }

  /** Per-service overrides from the `endpoints` option, else NCLOUD_ENDPOINTS. */
  endpointOverrides(operation: string): Partial<Record<Service, string>> {
    // Parsed once: every request asks (an unparsable map throws each time, naming the caller's operation).
    if (this.#overrides) return this.#overrides;
    const option = this.#options.endpoints;
    this.#overrides =
      option !== undefined && option !== null && option !== ""
        ? parseEndpointOverrides(option, "endpoints", operation)
        : parseEndpointOverrides(nonEmpty(this.#env.NCLOUD_ENDPOINTS), "NCLOUD_ENDPOINTS", operation);
    return this.#overrides;
  }

  /**
   * `scheme://host` plus the service's path prefix, e.g. `https://sts.apigw.ntruss.com/api/v1`.
   * Only Search Engine reads the region (and refuses one it is not offered in, before sending).
   */
  baseUrl(service: Service, operation: string, regionOverride?: unknown): { origin: string; pathPrefix: string } {
    // Every request asks, and the answer depends only on the service, the region and settings
    // read once (options are copied at construction; the environment is read at the first call,
    // as credentials and endpoint overrides are): parsing the endpoint with `new URL()` each time
    // cost ~10 µs per call (tests/bench/README.md). Only answers are kept: a bad setting throws on
    // every call, naming that call's operation. A region that is not a string is never kept.
    const key = regionOverride === undefined ? service : typeof regionOverride === "string" ? `${service} ${regionOverride}` : undefined;
    const known = key === undefined ? undefined : this.#baseUrls.get(key);
    if (known) return known;
    const resolved = this.#resolveBaseUrl(service, operation, regionOverride);
    if (key !== undefined) this.#baseUrls.set(key, resolved);
    return resolved;
  }

  #resolveBaseUrl(service: Service, operation: string, regionOverride?: unknown): { origin: string; pathPrefix: string } {
    const site = this.site(operation);
    const pathPrefix =
      service === "searchEngine" ? searchEnginePathPrefix(site, this.region(operation, regionOverride), operation) : servicePathPrefix(service);
    const perService = this.endpointOverrides(operation)[service];
    const shared = this.endpoint;
    const origin =
      perService ?? (shared !== undefined ? overrideOrigin(shared, "endpoint (ncloud:apiUrl / NCLOUD_API_URL, else NCLOUD_API_GW)", operation) : siteOrigin(service, site));
    return { origin, pathPrefix };
  }

  toJSON(): Record<string, unknown> {
    return {
      site: this.siteName,
      region: typeof this.regionName === "string" ? this.regionName : undefined,
      endpoint: displayEndpoint(this.endpoint),
      endpoints: this.#printableOverrides(),
      profile: this.#options.profile ?? nonEmpty(this.#env.NCLOUD_PROFILE),
      accessKey: maskKeyId(this.#credentials?.accessKey ?? this.#options.accessKey),
      secretKey: "[REDACTED]",
      apiKey: this.#options.apiKey || this.#env.NCLOUD_API_KEY ? "[REDACTED]" : undefined,
    };
  }

  /** The overrides as origins only: a URL's user info, path or query never reaches a log. */
  #printableOverrides(): Record<string, string> | string | undefined {
    try {
      const origins = this.endpointOverrides("config.toJSON");
      return Object.keys(origins).length > 0 ? origins : undefined;
    } catch {
      return "(invalid)";
    }
  }

  [inspect.custom](): string {
    return `NcloudConfig ${inspect(this.toJSON())}`;
  }
}
