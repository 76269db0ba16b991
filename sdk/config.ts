import { inspect } from "node:util";
import { defaultConfigFilePath, readConfigFile } from "./configFile";
import { type Region, type Service, type Site, parseRegion, parseSite, serviceOrigin, servicePathPrefix } from "./endpoints";
import { NcloudError, type ServiceName } from "./errors";
import { maskKeyId } from "./redact";
import { displayEndpoint, refuseEndpointCredentials } from "./sendPolicy";

export interface ConfigOptions {
  accessKey?: string;
  secretKey?: string;
  /** API Gateway key CLOVA NSML needs. Default: NCLOUD_API_KEY. */
  apiKey?: string;
  /** public | gov | fin. Default: NCLOUD_SITE, else public. */
  site?: string;
  /** KR | SGN | JPN, for the Search Engine path. Default: NCLOUD_REGION, else KR. */
  region?: string;
  /** Replaces scheme and host of every service (the emulator, a proxy). Default: NCLOUD_API_URL. */
  endpoint?: string;
  /** Environment to read instead of process.env (tests). */
  env?: Record<string, string | undefined>;
  /** Path of the ncloud CLI credentials file. Default: ~/.ncloud/configure. */
  configFile?: string;
  /** Allow plain http to a host that is not loopback. Default: NCLOUD_ALLOW_INSECURE_HTTP, else false. */
  allowInsecureHttp?: boolean;
}

export interface Credentials {
  accessKey: string;
  secretKey: string;
}

const MISSING_CREDENTIALS =
  "no NCP credentials found. Fix: pass accessKey and secretKey (Pulumi config ncloud:accessKey / ncloud:secretKey), " +
  "or set NCLOUD_ACCESS_KEY and NCLOUD_SECRET_KEY, or write ncloud_access_key_id and ncloud_secret_access_key to ~/.ncloud/configure";

function isSet(flag: string | undefined): boolean {
  return flag !== undefined && flag !== "" && flag !== "0" && flag.toLowerCase() !== "false";
}

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

  constructor(options: ConfigOptions = {}) {
    this.#options = { ...options };
    this.#env = options.env ?? process.env;
  }

  get siteName(): string {
    return nonEmpty(this.#options.site) ?? nonEmpty(this.#env.NCLOUD_SITE) ?? "public";
  }

  get regionName(): string {
    return nonEmpty(this.#options.region) ?? nonEmpty(this.#env.NCLOUD_REGION) ?? "KR";
  }

  get endpoint(): string | undefined {
    return nonEmpty(this.#options.endpoint) ?? nonEmpty(this.#env.NCLOUD_API_URL);
  }

  get debugEnabled(): boolean {
    return isSet(this.#env.NCLOUD_DEBUG);
  }

  /** The environment the client reads (proxy variables included). */
  get env(): Record<string, string | undefined> {
    return this.#env;
  }

  get allowInsecureHttp(): boolean {
    return this.#options.allowInsecureHttp ?? isSet(this.#env.NCLOUD_ALLOW_INSECURE_HTTP);
  }

  /** Explicit options, then NCLOUD_ACCESS_KEY / NCLOUD_SECRET_KEY, then the CLI file. */
  credentials(operation: string): Credentials {
    if (this.#credentials) return this.#credentials;
    const sources: [string | undefined, string | undefined][] = [
      [this.#options.accessKey, this.#options.secretKey],
      [this.#env.NCLOUD_ACCESS_KEY, this.#env.NCLOUD_SECRET_KEY],
    ];
    for (const [accessKey, secretKey] of sources) {
      const a = nonEmpty(accessKey);
      const s = nonEmpty(secretKey);
      if (a && s) return (this.#credentials = { accessKey: a, secretKey: s });
    }
    const file = readConfigFile(this.#options.configFile ?? defaultConfigFilePath());
    const a = nonEmpty(file.ncloud_access_key_id);
    const s = nonEmpty(file.ncloud_secret_access_key);
    if (a && s) return (this.#credentials = { accessKey: a, secretKey: s });
    throw new NcloudError(`${operation}: ${MISSING_CREDENTIALS}`, {
      code: "MissingCredentials",
      service: operation.split(".")[0] as ServiceName,
      operation,
    });
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
      this.#env.NCLOUD_API_KEY,
    ].filter((s): s is string => typeof s === "string" && s !== "");
  }

  site(operation: string): Site {
    return parseSite(this.siteName, operation);
  }

  region(operation: string, override?: string): Region {
    return parseRegion(override ?? this.regionName, operation);
  }

  /** `scheme://host` plus the service's path prefix, e.g. `https://sts.apigw.ntruss.com/api/v1`. */
  baseUrl(service: Service, operation: string, regionOverride?: string): { origin: string; pathPrefix: string } {
    refuseEndpointCredentials(this.endpoint, operation);
    const origin = serviceOrigin(service, this.site(operation), this.endpoint, operation);
    return { origin, pathPrefix: servicePathPrefix(service, this.region(operation, regionOverride)) };
  }

  toJSON(): Record<string, unknown> {
    return {
      site: this.siteName,
      region: this.regionName,
      endpoint: displayEndpoint(this.endpoint),
      accessKey: maskKeyId(this.#credentials?.accessKey ?? this.#options.accessKey),
      secretKey: "[REDACTED]",
      apiKey: this.#options.apiKey || this.#env.NCLOUD_API_KEY ? "[REDACTED]" : undefined,
    };
  }

  [inspect.custom](): string {
    return `NcloudConfig ${inspect(this.toJSON())}`;
  }
}
