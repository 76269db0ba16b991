import type { Agent } from "undici";
import type { Credentials } from "./credentials";
import { isLoopbackHost } from "../call/destination";
import { NcloudError, type ServiceName, invalidInput } from "../errors/errors";
import { exchange } from "../call/exchange";

/**
 * Server-role credentials: the last credential source, used only when the user turns it on.
 *
 * NCP's Go, Java and Python SDKs all fall back, after the environment and the CLI file, to the
 * role assigned to the VPC server they run on: they list `iam/security-credentials/` on the
 * server's metadata endpoint, take the first role id, and read temporary credentials for it
 * (ncloud-sdk-go-v2 `ncloud/credentials/server_role_provider.go`, ncloud-sdk-java
 * `ServerRoleCredentialsProvider.java` / `MetadataApiClient.java`, ncloud-sdk-python
 * `ncloud_apikey/metadata_api.py`; the paths: https://api.ncloud-docs.com/docs/en/compute-vmetadata-roledata).
 *
 * Why off by default, where NCP's SDKs have it on: the metadata address is not loopback, and a
 * machine that is not an NCP server would wait on it before every "no credentials" error; and a
 * provider that signs as whatever role the machine has, unasked, could change an account nobody
 * configured. So it is turned on by a setting naming the role (its id or name), or `true` for the
 * one the server has. A short deadline bounds the whole lookup (NCP's SDKs: 2 to 3 s per request).
 *
 * The endpoint can be set (ncloud-sdk-go-v2 reads NCLOUD_METADATA_API_ENDPOINT, ncloud-sdk-python
 * NCLOUD_METADATA_ENDPOINT; both are read here) so tests reach a loopback stand-in. Plain http goes
 * only to the metadata address or to loopback. Metadata v2 (a session token from a PUT) is not
 * used, as by NCP's SDKs: a server set to v2 only needs keys from another source.
 */
export const METADATA_ADDRESS = "http://169.254.169.254";
const CREDENTIALS_PATH = "/latest/meta-data/iam/security-credentials/";
const INFO_PATH = "/latest/meta-data/iam/info";
/** The whole lookup (up to three requests), ms. A VPC server's metadata answers in milliseconds. */
export const METADATA_TIMEOUT_MS = 1000;
/** Role answers are a few hundred bytes. */
const MAX_ANSWER_BYTES = 64 * 1024;
/** Read new credentials this long before they expire, as NCP's Java and Python SDKs do (15 minutes). */
const RENEW_BEFORE_MS = 15 * 60 * 1000;

/** `true` (the server's role), a role id or name, or undefined (off). Booleans as the other settings take them. */
export function parseServerRole(value: unknown, field: string, operation: string): true | string | undefined {
  if (value === undefined || value === null || value === false) return undefined;
  if (value === true) return true;
  if (typeof value !== "string") throw invalidInput(operation, field, "must be true, false or a role's name", "set it to true, or to the name of the server's role");
  const text = value.trim();
  if (text === "" || text === "false" || text === "0") return undefined;
  if (text === "true" || text === "1") return true;
  return text;
}

/** The metadata endpoint's origin; plain http only to the metadata address or loopback. */
export function parseMetadataEndpoint(value: string, field: string, operation: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidInput(operation, field, "is not a URL", `set it to ${METADATA_ADDRESS}, or unset it`);
  }
  const plainAllowed = url.origin === METADATA_ADDRESS || isLoopbackHost(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && plainAllowed)) {
    throw invalidInput(operation, field, `${url.origin} is plain http to a host that is neither ${METADATA_ADDRESS} nor loopback`, `use https, or unset it for ${METADATA_ADDRESS}`);
  }
  return url.origin;
}

/** The settings that turn server-role credentials on and say where to read them. */
export interface ServerRoleSettings {
  serverRole?: boolean | string;
  metadataEndpoint?: string;
  metadataTimeoutMs?: number;
}

/** The source the settings describe (option, else environment variable); undefined when it is off. */
export function serverRoleSource(settings: ServerRoleSettings, env: Record<string, string | undefined>, operation: string): ServerRoleCredentials | undefined {
  const role =
    settings.serverRole !== undefined
      ? parseServerRole(settings.serverRole, "serverRole", operation)
      : parseServerRole(env.NCLOUD_SERVER_ROLE, "NCLOUD_SERVER_ROLE", operation);
  if (role === undefined) return undefined;
  const given = (
    [
      ["metadataEndpoint", settings.metadataEndpoint],
      ["NCLOUD_METADATA_API_ENDPOINT", env.NCLOUD_METADATA_API_ENDPOINT],
      ["NCLOUD_METADATA_ENDPOINT", env.NCLOUD_METADATA_ENDPOINT],
    ] as const
  ).find(([, value]) => value !== undefined && value.trim() !== "");
  const endpoint = given ? parseMetadataEndpoint(given[1]!.trim(), given[0], operation) : METADATA_ADDRESS;
  const timeoutMs = settings.metadataTimeoutMs;
  return new ServerRoleCredentials({
    role,
    endpoint,
    timeoutMs: timeoutMs !== undefined && Number.isFinite(timeoutMs) && timeoutMs > 0 ? timeoutMs : METADATA_TIMEOUT_MS,
    now: Date.now,
  });
}

export interface ServerRoleOptions {
  /** `true` for the server's (first) role, or the id or name of the role to use. */
  role: true | string;
  /** `scheme://host[:port]` of the metadata API. */
  endpoint: string;
  timeoutMs: number;
  now: () => number;
}

interface Lookup {
  get(path: string): Promise<string>;
}

/** The role credentials, read on first use and again before they expire. */
export class ServerRoleCredentials {
  readonly #options: ServerRoleOptions;
  #current: { credentials: Credentials; renewAt: number } | undefined;
  #pending: Promise<Credentials> | undefined;

  constructor(options: ServerRoleOptions) {
    this.#options = options;
  }

  async credentials(operation: string): Promise<Credentials> {
    if (this.#current && this.#options.now() < this.#current.renewAt) return this.#current.credentials;
    // Calls made at once share one lookup.
    this.#pending ??= this.#read(operation).finally(() => (this.#pending = undefined));
    return this.#pending;
  }

  async #read(operation: string): Promise<Credentials> {
    // Loaded here, not at the top: config.ts imports this module, and configure must not load undici (cold start).
    const { Agent: DirectAgent } = require("undici") as typeof import("undici");
    // Its own direct connection: never a proxy from the environment, never the NCP pools.
    const agent = new DirectAgent({ connections: 1 });
    const deadline = this.#options.now() + this.#options.timeoutMs;
    const lookup: Lookup = { get: (path) => this.#get(agent, path, deadline, operation) };
    try {
      const roleId = await this.#roleId(lookup, operation);
      const answer = parseRoleCredentials(await lookup.get(`${CREDENTIALS_PATH}${encodeURIComponent(roleId)}`));
      if (!answer) throw failure(operation, `the metadata API's answer for role ${roleId} has no AccessKeyId and SecretAccessKey`, this.#options.endpoint);
      const now = this.#options.now();
      const expires = answer.expiration ?? Number.POSITIVE_INFINITY;
      // Short-lived credentials are kept for half their life, not read again on every call.
      const renewAt = expires - Math.min(RENEW_BEFORE_MS, Math.max(0, (expires - now) / 2));
      this.#current = { credentials: { accessKey: answer.accessKey, secretKey: answer.secretKey }, renewAt };
      return this.#current.credentials;
    } finally {
      await agent.close();
    }
  }

  /** The role to read: the first the server lists for `true`, else the one named, by id or by name. */
  async #roleId(lookup: Lookup, operation: string): Promise<string> {
    const listed = (await lookup.get(CREDENTIALS_PATH)).split("\n").map((line) => line.trim()).filter(Boolean);
    const wanted = this.#options.role;
    if (listed.length === 0) throw failure(operation, "the server has no role", this.#options.endpoint, "assign a role to the server in the Sub Account console");
    if (wanted === true || listed.includes(wanted)) return wanted === true ? listed[0] : wanted;
    const info = parseRoleInfo(await lookup.get(INFO_PATH));
    if (info && info.roleName === wanted && listed.includes(info.roleId)) return info.roleId;
    throw failure(operation, `the server's role is ${info?.roleName ?? listed[0]}, not ${wanted}`, this.#options.endpoint, `set ncloud:serverRole / NCLOUD_SERVER_ROLE to ${info?.roleName ?? listed[0]}, or to true`);
  }

  async #get(agent: Agent, path: string, deadline: number, operation: string): Promise<string> {
    const timeoutMs = Math.max(1, deadline - this.#options.now());
    const result = await exchange(agent, { origin: this.#options.endpoint, path, method: "GET", headers: { accept: "application/json, text/plain" } }, { timeoutMs, maxResponseBytes: MAX_ANSWER_BYTES });
    if (result.kind === "network") {
      throw failure(operation, `no answer from the metadata API (${result.code}, within ${this.#options.timeoutMs} ms): this machine is not an NCP VPC server, or cannot reach its metadata API`, this.#options.endpoint);
    }
    if (result.kind === "tooLarge") throw failure(operation, `the metadata API's answer to ${path} is larger than ${MAX_ANSWER_BYTES} bytes`, this.#options.endpoint);
    if (result.status === 404) throw failure(operation, "the server has no role (the metadata API answered 404)", this.#options.endpoint, "assign a role to the server in the Sub Account console");
    if (result.status !== 200) throw failure(operation, `the metadata API answered ${result.status} to ${path}`, this.#options.endpoint);
    return result.text;
  }
}

/** The metadata API's role credentials, as NCP's SDKs read them; undefined when they are not there. */
function parseRoleCredentials(text: string): { accessKey: string; secretKey: string; expiration?: number } | undefined {
  const body = parseJson(text);
  const accessKey = body?.AccessKeyId;
  const secretKey = body?.SecretAccessKey;
  if (typeof accessKey !== "string" || accessKey === "" || typeof secretKey !== "string" || secretKey === "") return undefined;
  const expiration = typeof body?.Expiration === "string" ? Date.parse(body.Expiration) : Number.NaN;
  return { accessKey, secretKey, expiration: Number.isNaN(expiration) ? undefined : expiration };
}

function parseRoleInfo(text: string): { roleId: string; roleName: string } | undefined {
  const body = parseJson(text);
  return typeof body?.roleId === "string" && typeof body.roleName === "string" ? { roleId: body.roleId, roleName: body.roleName } : undefined;
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Never quotes the metadata API's text: an answer about credentials may hold one. */
function failure(operation: string, what: string, endpoint: string, fix = "set ncloud:accessKey / ncloud:secretKey (or NCLOUD_ACCESS_KEY / NCLOUD_SECRET_KEY), or unset ncloud:serverRole / NCLOUD_SERVER_ROLE off NCP"): NcloudError {
  return new NcloudError(`${operation}: server-role credentials from ${endpoint}: ${what}. Fix: ${fix}`, {
    code: "MissingCredentials",
    service: operation.split(".")[0] as ServiceName,
    operation,
  });
}
