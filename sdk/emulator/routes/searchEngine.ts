import { requestId } from "../ids";
import { reply, type Reply } from "../reply";
import type { Region } from "../types";
import { isoTime, jsonObject, type Route, type RouteContext } from "./context";

/** Each region answers under its own prefix; a service group is found only under its region's. */
const REGION_BY_PREFIX: Record<string, Region> = { v2: "KR", "sgn-v2": "SGN", "jpn-v2": "JPN", "krs-v2": "KRS" };
const PATH = /^\/api\/(v2|sgn-v2|jpn-v2|krs-v2)\/snapshot\/(updateAPIAuthenticationKey|getBucketList)\/([^/]+)$/;

/**
 * A fixed bucket list: what matters to callers is whether the stored key works, not the buckets.
 * Typed as documented: sizes, counts and `creationTime` (a Unix timestamp, here in milliseconds)
 * are integers (https://api.ncloud-docs.com/docs/en/analytics-vpcsearchengine-snapshot-getbucketlist);
 * `permission` is `Allow` or `Deny` (the gov page). NCP's Go SDK models four more fields, which the
 * pages do not list (ncloud-sdk-go-v2 `services/vses/bucket_info.go`): they are sent too, so a
 * client that reads NCP's answers strictly meets them here first.
 */
const BUCKETS = [
  {
    name: "search-engine-snapshots", bytesUsed: 1048576, objectCount: 12, creationTime: 1705311000000, bucketProtectionState: "DISABLED", permission: "Allow",
    actionName: "snapshot", disabled: false, enable: true, sseKmsEnabled: false,
  },
  {
    name: "search-engine-archive", bytesUsed: 0, objectCount: 0, creationTime: 1709337600000, bucketProtectionState: "ENABLED", permission: "Deny",
    actionName: "snapshot", disabled: true, enable: false, sseKmsEnabled: true,
  },
];

/** Search Engine snapshot settings: set the Object Storage key of a service group, and use it. */
export const searchEngineRoute: Route = (request, context) => {
  const match = PATH.exec(request.path);
  if (!match) return undefined;
  const [, prefix, operation, no] = match;
  const expectedMethod = operation === "getBucketList" ? "GET" : "POST";
  if (request.method !== expectedMethod) return undefined;
  const group = context.state.serviceGroups.get(no);
  if (!/^\d+$/.test(no) || !group || group.region !== REGION_BY_PREFIX[prefix]) {
    return result(404, 404, "Service group not found", null);
  }
  if (operation === "updateAPIAuthenticationKey") {
    const input = jsonObject(request.body);
    if (!input || typeof input.accessKeyId !== "string" || typeof input.secretKey !== "string") {
      return result(400, 400, "Request body must be JSON {\"accessKeyId\": string, \"secretKey\": string}", null);
    }
    group.accessKeyId = input.accessKeyId;
    group.secretKey = input.secretKey;
    group.updatedAt = isoTime(context.now());
    return result(200, 0, "SUCCESS", true);
  }
  if (!group.accessKeyId || !group.secretKey || !isUsableKey(group.accessKeyId, group.secretKey, context)) {
    return result(200, 5001, "Object Storage authentication failed", null);
  }
  return result(200, 0, "SUCCESS", { bucketList: BUCKETS });
};

function result(status: number, code: number, message: string, value: unknown): Reply {
  return reply(status, { code, message, result: value, requestId: requestId() });
}

/** Object Storage accepts a live, active Sub Account key, or the account's own key. */
function isUsableKey(accessKeyId: string, secretKey: string, context: RouteContext): boolean {
  if (accessKeyId === context.accessKey && secretKey === context.secretKey) return true;
  for (const account of context.state.subAccounts.values()) {
    const key = account.keys.get(accessKeyId);
    if (key && key.active && key.keySecret === secretKey) return true;
  }
  return false;
}
