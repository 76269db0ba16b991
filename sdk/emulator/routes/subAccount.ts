import { newAccessKey, newKeySecret } from "../ids";
import { badRequest, reply, serviceError, type Reply } from "../reply";
import type { SubAccountKey } from "../state";
import { decodeSegment, jsonObject, type Route, type RouteContext } from "./context";

/** `/api/v1/sub-accounts/{subAccountId}/access-keys`; the id may be percent-encoded. */
const PATH = /^\/api\/v1\/sub-accounts\/([^/]+)\/access-keys$/;

/**
 * A missing sub account is code 30, with a status that depends on the method as NCP documents it:
 * 404 on POST (the create page), 401 on PUT
 * (https://api.ncloud-docs.com/docs/en/management-subaccount-suspendkey) and on DELETE (the gov
 * delete page). GET documents none; it answers like POST.
 */
const nonexistentAccount = (method: string): Reply =>
  method === "PUT" || method === "DELETE" ? serviceError(401, 30, "The account doesn't exist") : serviceError(404, 30, "Nonexistent account");
const nonexistentKey = (): Reply => serviceError(400, 904, "Nonexistent access key");
const tooManyActiveKeys = (): Reply =>
  serviceError(409, 9012, "Maximum number of active access keys that can be created exceeded");

/** Sub Account access keys: list, create, activate/deactivate, delete. */
export const subAccountRoute: Route = (request, context) => {
  const match = PATH.exec(request.path);
  if (!match) return undefined;
  const subAccountId = decodeSegment(match[1]);
  const account = subAccountId === undefined ? undefined : context.state.subAccounts.get(subAccountId);
  if (!account) return nonexistentAccount(request.method);
  const keys = account.keys;
  switch (request.method) {
    case "GET":
      return reply(200, [...keys.values()].map(({ accessKey, active, createTime }) => ({ accessKey, active, createTime })));
    case "POST":
      return createKey(keys, context);
    case "PUT":
      return setActive(keys, request.body, context);
    case "DELETE":
      return deleteKey(keys, request.body);
    default:
      return undefined;
  }
};

function activeCount(keys: Map<string, SubAccountKey>): number {
  return [...keys.values()].filter((k) => k.active).length;
}

/** NCP stamps access keys to the second: "2024-12-20T04:08:17Z" (management-subaccount-createaccesskey). */
function wholeSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

function createKey(keys: Map<string, SubAccountKey>, context: RouteContext): Reply {
  if (activeCount(keys) >= context.maxActiveKeys) return tooManyActiveKeys();
  const key: SubAccountKey = {
    accessKey: newAccessKey(),
    keySecret: newKeySecret(),
    active: true,
    createTime: wholeSeconds(context.now()),
  };
  keys.set(key.accessKey, key);
  // keySecret is shown here and never again, as on NCP.
  return reply(201, { accessKey: key.accessKey, keySecret: key.keySecret, createTime: key.createTime });
}

function setActive(keys: Map<string, SubAccountKey>, body: string, context: RouteContext): Reply {
  const input = jsonObject(body);
  if (!input || typeof input.accessKey !== "string" || typeof input.active !== "boolean") {
    return badRequest("Request body must be JSON {\"accessKey\": string, \"active\": boolean}");
  }
  const key = keys.get(input.accessKey);
  if (!key) return nonexistentKey();
  if (input.active && !key.active && activeCount(keys) >= context.maxActiveKeys) return tooManyActiveKeys();
  key.active = input.active;
  return reply(200, { success: true });
}

function deleteKey(keys: Map<string, SubAccountKey>, body: string): Reply {
  const input = jsonObject(body);
  if (!input || typeof input.accessKey !== "string") {
    return badRequest("Request body must be JSON {\"accessKey\": string}");
  }
  if (!keys.delete(input.accessKey)) return nonexistentKey();
  return reply(200, { success: true });
}
