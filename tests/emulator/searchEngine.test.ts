import { startEmulator, type Emulator } from "../../sdk/emulator";
import { signedRequest } from "./signedRequest";

const SUB = "4e066e50-9c3a-11e7-8a66-1e5021fa7c80";

interface Result {
  code: number;
  message: string;
  result: unknown;
  requestId: string;
}

describe("emulator: Search Engine snapshot key", () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startEmulator({
      serviceGroups: [{ serviceGroupInstanceNo: "1531843" }, { serviceGroupInstanceNo: "2000", region: "SGN" }],
    });
  });
  afterEach(() => emulator.close());

  const setKey = (accessKeyId: string, secretKey: string, prefix = "/api/v2", no = "1531843") =>
    signedRequest(emulator, {
      method: "POST",
      path: `${prefix}/snapshot/updateAPIAuthenticationKey/${no}`,
      body: { accessKeyId, secretKey },
    });
  const buckets = async (prefix = "/api/v2", no = "1531843") => {
    const res = await signedRequest(emulator, { path: `${prefix}/snapshot/getBucketList/${no}` });
    return { status: res.status, body: res.json() as Result };
  };
  const subKey = async () => {
    const res = await signedRequest(emulator, { method: "POST", path: `/api/v1/sub-accounts/${SUB}/access-keys` });
    return res.json() as { accessKey: string; keySecret: string };
  };

  test("updateAPIAuthenticationKey stores the pair and answers SUCCESS with a request id", async () => {
    const res = await setKey("AK1", "SK1");
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({
      code: 0,
      message: "SUCCESS",
      result: true,
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(emulator.state.serviceGroups.get("1531843")).toMatchObject({
      region: "KR",
      accessKeyId: "AK1",
      secretKey: "SK1",
      updatedAt: expect.any(String),
    });
  });

  test("getBucketList works with a live, active sub account key", async () => {
    const key = await subKey();
    await setKey(key.accessKey, key.keySecret);
    const { status, body } = await buckets();
    expect(status).toBe(200);
    expect(body.code).toBe(0);
    expect(body.result).toEqual({
      bucketList: expect.arrayContaining([
        expect.objectContaining({ name: expect.any(String), bytesUsed: expect.any(Number), objectCount: expect.any(Number) }),
      ]),
    });
    // The documented types: integers, a Unix timestamp, ENABLED/DISABLED, a permission.
    for (const bucket of (body.result as { bucketList: Array<Record<string, unknown>> }).bucketList) {
      for (const field of ["bytesUsed", "objectCount", "creationTime"]) expect(Number.isInteger(bucket[field])).toBe(true);
      expect(["ENABLED", "DISABLED"]).toContain(bucket.bucketProtectionState);
      expect(bucket.permission).toEqual(expect.any(String));
    }
  });

  test("getBucketList works with the account's own key", async () => {
    await setKey(emulator.accessKey, emulator.secretKey);
    expect((await buckets()).body.code).toBe(0);
  });

  const AUTH_FAILED = { code: 5001, message: "Object Storage authentication failed", result: null };

  test("getBucketList fails with 5001 when no key was ever set", async () => {
    expect(await buckets()).toEqual({ status: 200, body: { ...AUTH_FAILED, requestId: expect.any(String) } });
  });

  test("getBucketList fails with 5001 when the stored secret is wrong", async () => {
    const key = await subKey();
    await setKey(key.accessKey, "wrong");
    expect((await buckets()).body).toMatchObject(AUTH_FAILED);
  });

  test("getBucketList fails with 5001 once the stored key is deactivated or deleted", async () => {
    const key = await subKey();
    await setKey(key.accessKey, key.keySecret);
    const path = `/api/v1/sub-accounts/${SUB}/access-keys`;
    await signedRequest(emulator, { method: "PUT", path, body: { accessKey: key.accessKey, active: false } });
    expect((await buckets()).body).toMatchObject(AUTH_FAILED);
    await signedRequest(emulator, { method: "PUT", path, body: { accessKey: key.accessKey, active: true } });
    expect((await buckets()).body.code).toBe(0);
    await signedRequest(emulator, { method: "DELETE", path, body: { accessKey: key.accessKey } });
    expect((await buckets()).body).toMatchObject(AUTH_FAILED);
  });

  const GROUP_NOT_FOUND = { code: 404, message: "Service group not found", result: null };

  test("an unknown service group is 404", async () => {
    expect(await buckets("/api/v2", "999")).toEqual({ status: 404, body: { ...GROUP_NOT_FOUND, requestId: expect.any(String) } });
    const res = await setKey("a", "b", "/api/v2", "999");
    expect(res.status).toBe(404);
  });

  test("a service group is found only under its region's prefix", async () => {
    expect((await buckets("/api/sgn-v2", "1531843")).status).toBe(404);
    expect((await buckets("/api/jpn-v2", "1531843")).status).toBe(404);
    expect((await buckets("/api/v2", "2000")).status).toBe(404);
    expect((await setKey(emulator.accessKey, emulator.secretKey, "/api/sgn-v2", "2000")).status).toBe(200);
    expect((await buckets("/api/sgn-v2", "2000")).body.code).toBe(0);
  });

  test("a gov KRS service group answers under /api/krs-v2 only", async () => {
    emulator.state.addServiceGroup("4000", "KRS");
    expect((await setKey("a", "b", "/api/v2", "4000")).status).toBe(404);
    expect((await setKey("a", "b", "/api/krs-v2", "4000")).status).toBe(200);
  });

  test("a JPN service group added later answers under /api/jpn-v2", async () => {
    emulator.state.addServiceGroup("3000", "JPN");
    expect((await setKey("a", "b", "/api/jpn-v2", "3000")).status).toBe(200);
  });

  test("an update without both fields is 400 and changes nothing", async () => {
    const res = await signedRequest(emulator, {
      method: "POST",
      path: "/api/v2/snapshot/updateAPIAuthenticationKey/1531843",
      body: { accessKeyId: "only" },
    });
    expect(res.status).toBe(400);
    expect(emulator.state.serviceGroups.get("1531843")?.accessKeyId).toBeUndefined();
  });
});
