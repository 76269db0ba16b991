import { inspect } from "node:util";
import fc from "fast-check";
import { NcloudClient, NcloudError } from "../../sdk";
import { sshPublicKey } from "../sdk/helpers";
import { SENTINEL_API_KEY, SENTINEL_KEY_ARGUMENT, SENTINEL_SECRET_KEY, SENTINELS, anyValue, leakedSentinels } from "./arbitraries";
import { type CannedResponse, type FuzzServer, startFuzzServer } from "./fuzzServer";

/**
 * Whatever NCP (or a proxy in front of it) answers, every SDK method resolves or rejects with an
 * NcloudError whose text holds no secret, even when the answer echoes one.
 */
let server: FuzzServer;
let client: NcloudClient;

beforeAll(async () => {
  server = await startFuzzServer();
  client = new NcloudClient({
    endpoint: server.url,
    accessKey: "ACCESSKEY0123456789A",
    secretKey: SENTINEL_SECRET_KEY,
    apiKey: SENTINEL_API_KEY,
    env: {},
    maxAttempts: 2,
    timeoutMs: 2000,
    sleep: async () => {},
  });
});

afterAll(async () => {
  await client.close();
  await server.close();
});

const SSH_KEY = sshPublicKey("bodies@test");
const calls: [string, (c: NcloudClient) => Promise<unknown>][] = [
  ["subAccount.listAccessKeys", (c) => c.subAccount.listAccessKeys("sub-1")],
  ["subAccount.createAccessKey", (c) => c.subAccount.createAccessKey("sub-1")],
  ["subAccount.deleteAccessKey", (c) => c.subAccount.deleteAccessKey("sub-1", "AK1")],
  ["subAccount.setAccessKeyActive", (c) => c.subAccount.setAccessKeyActive("sub-1", "AK1", false)],
  ["sts.getCredentials", (c) => c.sts.getCredentials()],
  ["sts.createCredentials", (c) => c.sts.createCredentials({ durationSec: 900 })],
  ["nsml.listAuthKeys", (c) => c.nsml.listAuthKeys()],
  ["nsml.createAuthKey", (c) => c.nsml.createAuthKey({ title: "t1", key: SSH_KEY })],
  ["nsml.deleteAuthKey", (c) => c.nsml.deleteAuthKey("t1", "n1")],
  ["searchEngine.updateApiAuthenticationKey", (c) => c.searchEngine.updateApiAuthenticationKey("1", { accessKeyId: "AK", secretKey: SENTINEL_KEY_ARGUMENT })],
  ["searchEngine.getBucketList", (c) => c.searchEngine.getBucketList("1")],
];

/** Bodies shaped like NCP's (success and error envelopes) with any value in any field, secrets planted. */
const fieldValue = fc.oneof(anyValue, fc.constantFrom(...SENTINELS), fc.string());
const ncpLike = fc.oneof(
  fc.record({ accessKey: fieldValue, keySecret: fieldValue, createTime: fieldValue, expireTime: fieldValue, useMfa: fieldValue }, { requiredKeys: [] }),
  fc.array(fc.record({ accessKey: fieldValue, active: fieldValue, createTime: fieldValue }, { requiredKeys: [] }), { maxLength: 3 }),
  fc.record({ keyList: fc.oneof(fieldValue, fc.array(fc.record({ name: fieldValue, title: fieldValue, fingerprint: fieldValue, createTime: fieldValue }))), totalCount: fieldValue }, { requiredKeys: [] }),
  fc.record({ code: fieldValue, message: fieldValue, result: fc.oneof(fieldValue, fc.record({ bucketList: fieldValue })), requestId: fieldValue }, { requiredKeys: [] }),
  fc.record({ error: fc.record({ errorCode: fieldValue, message: fieldValue, details: fieldValue }, { requiredKeys: [] }) }),
  fc.record({ errorCode: fieldValue, message: fieldValue, secretKey: fieldValue, apiKey: fieldValue }, { requiredKeys: [] }),
  fc.record({ success: fieldValue }),
);
const jsonBytes = ncpLike.map((v) => new TextEncoder().encode(JSON.stringify(v) ?? ""));
/** Valid JSON cut short: the truncated answer a dropped connection leaves. */
const truncated = fc.tuple(jsonBytes, fc.nat()).map(([b, n]) => b.subarray(0, b.length === 0 ? 0 : n % b.length));
const plantedText = fc.constantFrom(...SENTINELS).map((s) => new TextEncoder().encode(`<html><body>bad gateway ${s}</body></html>`));
const body = fc.oneof(fc.uint8Array({ maxLength: 512 }), jsonBytes, truncated, plantedText, fc.constant(new Uint8Array()));

const status = fc.oneof(fc.constantFrom(200, 201, 204, 400, 401, 403, 404, 409, 429, 500, 502, 503, 504), fc.integer({ min: 200, max: 599 }));
const headerText = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 40 });
const headers = fc.record(
  {
    "content-type": fc.constantFrom("application/json", "text/html", "application/octet-stream"),
    "retry-after": fc.oneof(fc.nat({ max: 5 }).map(String), headerText, fc.constant(new Date(0).toUTCString())),
    date: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()), headerText),
    "x-ncp-trace-id": fc.oneof(headerText, fc.constantFrom(...SENTINELS)),
  },
  { requiredKeys: [] },
);
const response: fc.Arbitrary<CannedResponse> = fc.record({ status, headers, body });

describe.each(calls)("%s", (name, invoke) => {
  // The secrets this call sends, so the only ones it can know to scrub from an echo.
  const known = [SENTINEL_SECRET_KEY, SENTINEL_API_KEY, ...(name.endsWith("updateApiAuthenticationKey") ? [SENTINEL_KEY_ARGUMENT] : [])];

  test("any answer gives a result or an NcloudError, never a crash or a leaked secret", async () => {
    await fc.assert(
      fc.asyncProperty(response, async (canned) => {
        server.answer(canned);
        let error: unknown;
        try {
          await invoke(client);
        } catch (e) {
          error = e;
        }
        if (error === undefined) return;
        if (!(error instanceof NcloudError)) throw new Error(`crashed with ${inspect(error)}`);
        expect(leakedSentinels(`${error.message}\n${JSON.stringify(error)}\n${inspect(error)}`, known)).toEqual([]);
      }),
      { numRuns: 80 },
    );
  });
});

describe("NcloudError.code and requestId are scrubbed like the message", () => {
  // JSON.stringify(error) and inspect(error) print these fields: a gateway that echoes the secret
  // key as an error code or trace id must not make them show it.
  test.each([
    ["errorCode", { status: 400, headers: {}, body: new TextEncoder().encode(JSON.stringify({ errorCode: SENTINEL_SECRET_KEY })) }],
    ["requestId", { status: 400, headers: {}, body: new TextEncoder().encode(JSON.stringify({ code: 1, requestId: SENTINEL_SECRET_KEY })) }],
    ["x-ncp-trace-id", { status: 400, headers: { "x-ncp-trace-id": SENTINEL_SECRET_KEY }, body: new Uint8Array() }],
    ["x-ncp-trace-id of an unreadable 200", { status: 200, headers: { "x-ncp-trace-id": SENTINEL_SECRET_KEY }, body: new TextEncoder().encode("{}") }],
  ] as [string, CannedResponse][])("echoed in %s", async (_where, canned) => {
    server.answer(canned);
    const error = await client.sts.getCredentials().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(NcloudError);
    expect(leakedSentinels(`${(error as Error).message}\n${JSON.stringify(error)}\n${inspect(error)}`, [SENTINEL_SECRET_KEY])).toEqual([]);
  });
});
