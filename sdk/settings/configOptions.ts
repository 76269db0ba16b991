import type { EndpointOverrides } from "./endpointOverrides";

/** What a client can be told; each option says its default (an environment variable, else a value). */
export interface ConfigOptions {
  accessKey?: string;
  secretKey?: string;
  /** API Gateway key CLOVA NSML needs. Default: NCLOUD_API_KEY. */
  apiKey?: string;
  /** public | gov | fin. Default: NCLOUD_SITE, else public. */
  site?: string;
  /**
   * Any NCP region code; only Search Engine uses it, to pick its path (public KR/SGN/JPN, gov
   * KR/KRS, fin FKR). Default: NCLOUD_REGION, else the site's first region (KR, fin FKR).
   */
  region?: string;
  /** Replaces scheme and host of every service (the emulator, a proxy). Default: NCLOUD_API_URL. */
  endpoint?: string;
  /**
   * Replaces scheme and host of single services, winning over `endpoint`:
   * `{ subAccount?, sts?, nsml?, searchEngine? }`. Default: NCLOUD_ENDPOINTS (JSON), else none.
   */
  endpoints?: EndpointOverrides | string;
  /** Section of the CLI credentials file. Default: NCLOUD_PROFILE, else DEFAULT. */
  profile?: string;
  /** Environment to read instead of process.env (tests). */
  env?: Record<string, string | undefined>;
  /** Path of the ncloud CLI credentials file. Default: ~/.ncloud/configure. */
  configFile?: string;
  /**
   * Allow plain http to a host that is not loopback. Default: NCLOUD_ALLOW_INSECURE_HTTP (true,
   * false, 1 or 0, any case; anything else is InvalidInput), else false.
   */
  allowInsecureHttp?: boolean;
  /**
   * Most sockets open at once to one origin (scheme, host and port); further calls wait for a free
   * one. A whole number from 1 to 256. Default: NCLOUD_MAX_SOCKETS_PER_ORIGIN, else 16. Not
   * applied to a `dispatcher` you pass.
   */
  maxSocketsPerOrigin?: number;
  /**
   * Server-role credentials, the last credential source (serverRoleCredentials.ts): `true` for the
   * role of the NCP server this runs on, or that role's id or name. Default: NCLOUD_SERVER_ROLE,
   * else off.
   */
  serverRole?: boolean | string;
  /**
   * The metadata API that serves server-role credentials. Default: NCLOUD_METADATA_API_ENDPOINT,
   * else NCLOUD_METADATA_ENDPOINT, else http://169.254.169.254.
   */
  metadataEndpoint?: string;
  /** The whole server-role lookup, ms. Default 1000. */
  metadataTimeoutMs?: number;
}
