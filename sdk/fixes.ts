/**
 * What to do about an NCP error, in the user's words. Pure: status and NCP code in, advice out.
 * The codes are NCP's (docs/ncp-wire.md); the env and Pulumi config names are the ones this
 * project reads (config.ts).
 */
const CREDENTIALS =
  "check the access key and secret key (NCLOUD_ACCESS_KEY / NCLOUD_SECRET_KEY or ncloud:accessKey / ncloud:secretKey) and the machine clock";

export interface FixContext {
  status?: number;
  code?: string;
  operation: string;
  /** True when the gateway said the timestamp is off. */
  timestamp?: boolean;
}

export function fixFor(ctx: FixContext): string | undefined {
  const { status, code, operation } = ctx;
  if (status === 401 && ctx.timestamp) {
    return "the request timestamp is more than 5 minutes from NCP's clock: synchronise the machine clock (NTP)";
  }
  if (status === 401) return CREDENTIALS;
  if (status === 403 && code === "210") return "check the API key (NCLOUD_API_KEY / ncloud:apiKey)";
  if (status === 403) return "the access key lacks permission for this operation: grant it in the Sub Account policies";
  if (status === 429) return "quota exceeded: NCP throttled the request; wait and retry, or lower the request rate";
  if (code === "9012") {
    return "the sub account already has the maximum number of active keys: delete or deactivate one";
  }
  if (status === 404 && code === "30") return "no such sub account: check subAccountId";
  if (code === "904") return "no such access key: check accessKey";
  if (code === "5001") {
    return "the service group's API authentication key cannot reach Object Storage: set a live, active Sub Account key with updateApiAuthenticationKey";
  }
  if (status === 404 && operation.startsWith("searchEngine.")) {
    return "no such service group: check serviceGroupInstanceNo and region";
  }
  if (status === 404 && operation.startsWith("nsml.")) return "no such auth key: check title and name";
  if (status === 400 && operation === "sts.createCredentials") return "durationSec must be an integer from 600 to 43200";
  if (status !== undefined && status >= 500) return "NCP had a server error: retry later";
  return undefined;
}

export function timeoutFix(timeoutMs: number): string {
  return `no response within timeoutMs=${timeoutMs} ms: raise timeoutMs or check the network path to NCP`;
}
