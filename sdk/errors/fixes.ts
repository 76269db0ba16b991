/**
 * What to do about an NCP error, in the user's words. Pure: status and NCP code in, advice out.
 * The codes are NCP's (docs/ncp-wire.md); the env and Pulumi config names are the ones this
 * project reads (config.ts, credentials.ts).
 */
const CREDENTIALS =
  "check the access key and secret key (ncloud:accessKey / ncloud:secretKey, NCLOUD_ACCESS_KEY / NCLOUD_SECRET_KEY, " +
  "NCLOUD_ACCESS_KEY_ID / NCLOUD_SECRET_ACCESS_KEY or ~/.ncloud/configure) and the machine clock";

/**
 * API Gateway 401/210 "Permission Denied": the key is genuine but may not call this API.
 * https://api-gov.ncloud-docs.com/docs/api-call-lgc-errorhandling (API Gateway error codes)
 */
const PERMISSION =
  "the access key is valid but not allowed to call this API: attach a policy that allows it to the key's sub account " +
  "(Sub Account > Policies), or use the main account's key";

export interface FixContext {
  status?: number;
  code?: string;
  operation: string;
  /** True when the gateway said the timestamp is off. */
  timestamp?: boolean;
}

/** Documented answers of one service, by `status/code`. Checked before the generic ones. */
function serviceFix(status: number | undefined, code: string | undefined, operation: string): string | undefined {
  const key = `${status}/${code}`;
  if (operation.startsWith("subAccount.")) {
    // https://api.ncloud-docs.com/docs/en/management-subaccount-suspendkey (and the delete/create pages)
    if (key === "401/30" && operation === "subAccount.deleteAccessKey") {
      return "the sub account no longer exists, and its keys with it: the key is already gone (the provider's delete treats this as done); if the sub account should exist, check subAccountId";
    }
    // 404/30 on POST (create page), 401/30 on PUT (suspendkey page).
    if (code === "30" && (status === 401 || status === 404)) {
      return "no sub account with this subAccountId: check subAccountId (the Sub Account's id, not its login name)";
    }
    if (key === "400/904") return "no such access key on this sub account: check accessKey, or list the sub account's keys";
  }
  if (operation.startsWith("sts.")) {
    // https://api.ncloud-docs.com/docs/en/management-sts-createcredentials
    if (key === "400/400") return "durationSec must be an integer from 600 (10 minutes) to 43200 (12 hours)";
    if (key === "401/401") return "the MFA token code was refused: pass the device's current 6-digit tokenCode (and its serialNumber), not an old one";
    if (key === "404/404") {
      return "the credentials that signed the request are invalid or expired: renew them (create a new access key, or new temporary credentials) and set them again";
    }
  }
  return undefined;
}

export function fixFor(ctx: FixContext): string | undefined {
  const { status, code, operation } = ctx;
  const specific = serviceFix(status, code, operation);
  if (specific) return specific;
  // API Gateway codes (https://api-gov.ncloud-docs.com/docs/api-call-lgc-errorhandling); 401/200, 401/210 and 429 below.
  if (status === 400 && code === "100") {
    return "the API Gateway refused the request as malformed: check the endpoint overrides (ncloud:endpoints, NCLOUD_API_URL) and the input; if it persists, report it with the request id";
  }
  if (status === 413 && code === "430") {
    return "the API Gateway refused the request body as too large: check the input; if it persists, report it with the request id";
  }
  if (status === 404 && code === "300") {
    return "the API Gateway has no such API on this host: check ncloud:site, the region and any endpoint override (ncloud:endpoints, NCLOUD_API_URL)";
  }
  if (status === 401 && ctx.timestamp) {
    return "the request timestamp is more than 5 minutes from NCP's clock: synchronise the machine clock (NTP)";
  }
  if (status === 401 && code === "210") {
    // NSML also answers 210 when the API Gateway API key does not match.
    return operation.startsWith("nsml.") ? `${PERMISSION}; and check the API key (ncloud:apiKey / NCLOUD_API_KEY, or the call's apiKey)` : PERMISSION;
  }
  if (status === 401) return CREDENTIALS;
  if (status === 403) return "the access key lacks permission for this operation: grant it in the Sub Account policies";
  if (status === 429) return "quota exceeded: NCP throttled the request; wait and retry, or lower the request rate";
  if (code === "9012") {
    return "the sub account already has the maximum number of active keys: delete or deactivate one";
  }
  if (code === "5001") {
    return "the service group's API authentication key cannot reach Object Storage: set a live, active Sub Account key with updateApiAuthenticationKey";
  }
  if (status === 404 && operation.startsWith("searchEngine.")) {
    return "no such service group: check serviceGroupInstanceNo and region";
  }
  if (status === 404 && operation.startsWith("nsml.")) return "no such auth key: check title and name";
  if (status === 400 && operation.startsWith("nsml.")) {
    return "CLOVA NSML refused the request: check the title (letters, digits and -, starting with a letter) and that key is an OpenSSH public key";
  }
  if (status === 400 && operation === "sts.createCredentials") return "durationSec must be an integer from 600 to 43200";
  if (status !== undefined && status >= 500) return "NCP had a server error: retry later";
  return undefined;
}

export function timeoutFix(timeoutMs: number): string {
  return `no response within timeoutMs=${timeoutMs} ms: raise timeoutMs or check the network path to NCP`;
}
