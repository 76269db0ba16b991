import { setClientOptions } from "../../provider/handlers/client";
import { create } from "../../provider/handlers/searchSnapshotAuthKey";
import { failureOf, hostileHttp, printed, TEST_SECRET_KEY, type Hostile } from "../hostile/servers";

/*
 * The key a SearchSnapshotAuthKey sets is the resource's own secret, not the client's: a Search
 * Engine that quotes it back in getBucketList's error (verify) must not put it in the failure.
 */
const RESOURCE_SECRET = "resource-secret-key-5f1c2e9a7b";

let server: Hostile;
beforeAll(async () => {
  server = await hostileHttp((req, res) => {
    const update = req.url?.includes("/updateAPIAuthenticationKey/");
    res.writeHead(update ? 200 : 400, { "content-type": "application/json" });
    res.end(
      JSON.stringify(
        update
          ? { code: 0, message: "SUCCESS", result: true, requestId: "r-1" }
          : { code: 400, message: `Object Storage refused key secret ${RESOURCE_SECRET}`, result: null, requestId: "r-2" },
      ),
    );
  });
  setClientOptions({ endpoint: server.url, accessKey: "echo-access-key", secretKey: TEST_SECRET_KEY, env: {}, maxAttempts: 1 });
});
afterAll(async () => {
  setClientOptions({});
  await server.close();
});

test("a verify failure that echoes the resource's secretKey shows it redacted", async () => {
  const error = await failureOf(create({ serviceGroupInstanceNo: "1531843", accessKeyId: "ncp_iam_ECHO", secretKey: RESOURCE_SECRET, verify: true }));
  expect(error.message).toMatch(/cannot reach Object Storage.*Fix: use an active key/s);
  expect(printed([error])).not.toContain(RESOURCE_SECRET);
  expect(server.requests.map((r) => r.url)).toEqual([
    "/api/v2/snapshot/updateAPIAuthenticationKey/1531843",
    "/api/v2/snapshot/getBucketList/1531843",
  ]);
});
