import { newAccessKey, newKeySecret } from "../ids";
import { badRequest, reply, serviceError, type Reply } from "../reply";
import type { StsCredentials } from "../state";
import { isoTime, jsonObject, type Route, type RouteContext } from "./context";

const MIN_DURATION_SEC = 600;
const MAX_DURATION_SEC = 43200;
const DEFAULT_DURATION_SEC = 3600;

/** Secure Token Service `/api/v1/credentials`: the caller's own key, and temporary credentials. */
export const stsRoute: Route = (request, context) => {
  if (request.path !== "/api/v1/credentials") return undefined;
  if (request.method === "GET") {
    // The credentials that signed the call: temporary ones with their secret, expiry and MFA
    // state; a permanent key without its secret (shared:sts-get-credentials.txt, "Display when
    // retrieving temporary credentials").
    const temporary = context.state.stsIssued.find((credentials) => credentials.accessKey === request.caller.accessKey);
    if (temporary) return reply(200, { ...temporary });
    return reply(200, { accessKey: context.accessKey, createTime: context.ownKeyCreateTime });
  }
  if (request.method === "POST") return createCredentials(request.body, context);
  return undefined;
};

function createCredentials(body: string, context: RouteContext): Reply {
  // The body is optional: every field has a default.
  const input = body.trim() === "" ? {} : jsonObject(body);
  if (!input) return badRequest("Request body must be a JSON object");
  const { durationSec = DEFAULT_DURATION_SEC, serialNumber, tokenCode } = input;
  if (
    typeof durationSec !== "number" ||
    !Number.isInteger(durationSec) ||
    durationSec < MIN_DURATION_SEC ||
    durationSec > MAX_DURATION_SEC
  ) {
    return badRequest(
      `durationSec can be used only in the following scope valid range: ${MIN_DURATION_SEC} - ${MAX_DURATION_SEC}`,
    );
  }
  if (serialNumber !== undefined && typeof serialNumber !== "string") return badRequest("serialNumber must be a string");
  if (tokenCode !== undefined && !Number.isInteger(tokenCode)) return badRequest("tokenCode must be an integer");
  // 401/401 for a wrong MFA code (https://api.ncloud-docs.com/docs/en/management-sts-createcredentials).
  const expectedCode = typeof serialNumber === "string" ? context.state.mfaDevices.get(serialNumber) : undefined;
  if (expectedCode !== undefined && tokenCode !== expectedCode) return serviceError(401, 401, "Invalid MFA token code");
  const now = context.now();
  const credentials: StsCredentials = {
    accessKey: newAccessKey(),
    keySecret: newKeySecret(),
    createTime: isoTime(now),
    expireTime: isoTime(now + durationSec * 1000),
    useMfa: serialNumber !== undefined && tokenCode !== undefined,
  };
  context.state.stsIssued.push(credentials);
  return reply(200, { ...credentials });
}
