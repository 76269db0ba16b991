import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NcloudClient, type NcloudClientOptions } from "../../sdk";
import { sshPublicKey } from "../sdk/helpers";
import type { Answer, Recorded, Recorder } from "./recorder";
import type { Row } from "./table";

/** Values the operations send; shaped like NCP's own examples. */
export const SUB_ACCOUNT_ID = "4e066e50-9c3a-11e7-8a66-1e5021fa7c80";
export const ACCESS_KEY = "ncp_iam_BPASKRxmpl0123456789";
export const SERVICE_GROUP = "1531843";
export const NSML_TITLE = "authkey";
export const NSML_NAME = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
export const NSML_KEY = sshPublicKey("contract@test");
export const CLIENT_KEYS = { accessKey: "ncp_iam_CONTRACTxAccessKey01", secretKey: "contract-secret-key", apiKey: "contract-api-key" };

/** `ssh-keygen -l -E md5` of an OpenSSH public key line. */
export function md5Fingerprint(line: string): string {
  const blob = Buffer.from(line.split(" ")[1], "base64");
  return createHash("md5").update(blob).digest("hex").match(/../g)!.join(":");
}

/** One SDK call per documented operation; service + method name it (each pair is unique). */
export interface Operation {
  service: string;
  method: string;
  invoke(client: NcloudClient, region?: string): Promise<unknown>;
}

export const OPERATIONS: readonly Operation[] = [
  { service: "subAccount", method: "GET", invoke: (c) => c.subAccount.listAccessKeys(SUB_ACCOUNT_ID) },
  { service: "subAccount", method: "POST", invoke: (c) => c.subAccount.createAccessKey(SUB_ACCOUNT_ID) },
  { service: "subAccount", method: "PUT", invoke: (c) => c.subAccount.setAccessKeyActive(SUB_ACCOUNT_ID, ACCESS_KEY, false) },
  { service: "subAccount", method: "DELETE", invoke: (c) => c.subAccount.deleteAccessKey(SUB_ACCOUNT_ID, ACCESS_KEY) },
  { service: "sts", method: "GET", invoke: (c) => c.sts.getCredentials() },
  {
    service: "sts",
    method: "POST",
    invoke: (c) => c.sts.createCredentials({ durationSec: 3600, serialNumber: "nrn:PUB:IAM::1:MfaDevice/contract", tokenCode: 123456 }),
  },
  { service: "nsml", method: "GET", invoke: (c) => c.nsml.listAuthKeys() },
  { service: "nsml", method: "POST", invoke: (c) => c.nsml.createAuthKey({ title: NSML_TITLE, key: NSML_KEY }) },
  { service: "nsml", method: "DELETE", invoke: (c) => c.nsml.deleteAuthKey(NSML_TITLE, NSML_NAME) },
  {
    service: "searchEngine",
    method: "POST",
    invoke: (c, region) =>
      c.searchEngine.updateApiAuthenticationKey(SERVICE_GROUP, { accessKeyId: ACCESS_KEY, secretKey: "snapshot-secret" }, { region }),
  },
  { service: "searchEngine", method: "GET", invoke: (c, region) => c.searchEngine.getBucketList(SERVICE_GROUP, { region }) },
];

/** The operations a row speaks of: `*` every call of its service; service `gateway` every service. */
export function operationsFor(row: Pick<Row, "service" | "method">): Operation[] {
  return OPERATIONS.filter(
    (op) => (row.service === "gateway" || op.service === row.service) && (row.method === "*" || op.method === row.method),
  );
}

/** `public/SGN` → site public, region SGN; `any` → the defaults. */
export function siteAndRegion(cell: string): { site?: string; region?: string } {
  if (cell === "any") return {};
  const [site, region] = cell.split("/");
  return { site, region };
}

/** A client that talks to `url` with fixed keys and nothing from this machine's environment or home. */
export function clientFor(url: string, options: NcloudClientOptions = {}): NcloudClient {
  return new NcloudClient({
    endpoint: url,
    ...CLIENT_KEYS,
    env: {},
    configFile: join(tmpdir(), "pulumi-ncloud-keys-contract-no-such-file"),
    timeoutMs: 5000,
    maxAttempts: 1,
    maxThrottledAttempts: 0,
    sleep: async () => {},
    ...options,
  });
}

/** Runs one call with a fresh client aimed at `recorder`: what reached the wire, and the SDK's error if it threw. */
export async function sendThrough(
  recorder: Recorder,
  options: NcloudClientOptions,
  call: (client: NcloudClient) => Promise<unknown>,
): Promise<{ sent: Recorded[]; error?: unknown }> {
  const client = clientFor(recorder.url, options);
  const from = recorder.requests.length;
  try {
    await call(client);
    return { sent: recorder.since(from) };
  } catch (error) {
    return { sent: recorder.since(from), error };
  } finally {
    await client.close();
  }
}

const created = () => ({ accessKey: ACCESS_KEY, keySecret: "ncp_iam_BPKSKRxmplSecretDoNotUse0123456789", createTime: "2024-04-25T08:02:15Z" });

/**
 * What NCP documents as the success answer of each operation (docs/ncp-wire.md rows P01-P25,
 * S01-S35): the SDK must read these as they are, whatever our emulator says.
 */
export function documentedAnswer(request: Recorded): Answer {
  const { method, path } = request;
  if (/^\/api\/v1\/sub-accounts\/[^/]+\/access-keys$/.test(path)) {
    if (method === "GET") return { status: 200, body: [{ accessKey: ACCESS_KEY, active: true, createTime: "2024-04-25T08:02:15Z" }] };
    // v1 states no status for a create (P02): 200 here, the emulator's 201 elsewhere; both must do.
    if (method === "POST") return { status: 200, body: created() };
    return { status: 200, body: { success: true } };
  }
  if (path === "/api/v1/credentials") {
    if (method === "GET") return { status: 200, body: { accessKey: ACCESS_KEY, createTime: "2024-10-10T16:58:28Z" } };
    return {
      status: 200,
      body: { ...created(), createTime: "2024-10-10T16:58:28Z", expireTime: "2024-10-10T17:58:28Z", useMfa: true },
    };
  }
  if (path === "/nsml/v1/auth-keys" && method === "GET") {
    const key = { name: NSML_NAME, title: NSML_TITLE, fingerprint: md5Fingerprint(NSML_KEY), createTime: "2024-09-03 09:36:40" };
    return { status: 200, body: { keyList: [key], totalCount: 1 } };
  }
  // NSML create and delete document no response body (P12, P13).
  if (path.startsWith("/nsml/v1/auth-keys")) return { status: 200 };
  const requestId = "2757144e-8548-472d-9d65-962406b4efa0";
  if (/\/snapshot\/updateAPIAuthenticationKey\/\d+$/.test(path)) {
    return { status: 200, body: { code: 0, message: "SUCCESS", result: true, requestId } };
  }
  if (/\/snapshot\/getBucketList\/\d+$/.test(path)) {
    const bucket = {
      name: "search-engine-snapshots",
      bytesUsed: 1048576,
      objectCount: 12,
      creationTime: 1705311000,
      bucketProtectionState: "DISABLED",
      permission: "Allow",
    };
    return { status: 200, body: { code: 0, message: "SUCCESS", result: { bucketList: [bucket] }, requestId } };
  }
  return { status: 404, body: { error: { errorCode: "300", message: "Not Found Exception" } } };
}
