import { startEmulator, type Emulator } from "../../sdk/emulator";
import { signedRequest } from "./signedRequest";

const SUB = "4e066e50-9c3a-11e7-8a66-1e5021fa7c80";
const KEYS = `/api/v1/sub-accounts/${SUB}/access-keys`;

interface CreatedKey {
  accessKey: string;
  keySecret: string;
  createTime: string;
}

describe("emulator: Sub Account access keys", () => {
  let emulator: Emulator;
  const fixedNow = Date.parse("2025-06-01T12:00:00.000Z");
  beforeEach(async () => {
    emulator = await startEmulator({ now: () => fixedNow, subAccounts: [SUB, "sub/with space"] });
  });
  afterEach(() => emulator.close());

  const create = async (path = KEYS) => {
    const res = await signedRequest(emulator, { method: "POST", path, timestamp: fixedNow });
    return { status: res.status, body: res.json() as CreatedKey };
  };
  const call = (method: string, body?: unknown, path = KEYS) =>
    signedRequest(emulator, { method, path, body, timestamp: fixedNow });

  test("a new sub account has no keys", async () => {
    const res = await call("GET");
    expect(res.status).toBe(200);
    expect(res.json()).toEqual([]);
  });

  test("POST creates an active key shaped like NCP's and shows its secret once", async () => {
    const { status, body } = await create();
    expect(status).toBe(201);
    expect(body.accessKey).toMatch(/^ncp_iam_[A-Za-z0-9]{20}$/);
    expect(body.keySecret).toMatch(/^ncp_iam_[A-Za-z0-9]{32}$/);
    expect(body.createTime).toBe("2025-06-01T12:00:00Z"); // whole seconds, as NCP documents
    const list = await call("GET");
    expect(list.json()).toEqual([{ accessKey: body.accessKey, active: true, createTime: body.createTime }]);
    expect(list.text).not.toContain(body.keySecret);
    expect(emulator.state.subAccounts.get(SUB)?.keys.get(body.accessKey)?.keySecret).toBe(body.keySecret);
  });

  test("a third active key is refused with 409/9012", async () => {
    await create();
    await create();
    const third = await create();
    expect(third.status).toBe(409);
    expect(third.body).toEqual({
      errorCode: 9012,
      message: "Maximum number of active access keys that can be created exceeded",
    });
    expect(emulator.state.liveKeys(SUB)).toHaveLength(2);
  });

  test("deactivating a key makes room for a new one, and reactivating it over the limit is refused", async () => {
    const first = (await create()).body;
    await create();
    const off = await call("PUT", { accessKey: first.accessKey, active: false });
    expect(off.status).toBe(200);
    expect(off.json()).toEqual({ success: true });
    expect((await create()).status).toBe(201);
    const on = await call("PUT", { accessKey: first.accessKey, active: true });
    expect(on.status).toBe(409);
    expect(on.json()).toMatchObject({ errorCode: 9012 });
    expect(emulator.state.liveKeys(SUB).filter((k) => k.active)).toHaveLength(2);
  });

  test("setting an active key active again is not counted against the limit", async () => {
    const first = (await create()).body;
    await create();
    const res = await call("PUT", { accessKey: first.accessKey, active: true });
    expect(res.status).toBe(200);
  });

  test("the limit is configurable", async () => {
    await emulator.close();
    emulator = await startEmulator({ now: () => fixedNow, maxActiveKeys: 1 });
    expect((await create()).status).toBe(201);
    expect((await create()).status).toBe(409);
  });

  test("DELETE removes the key", async () => {
    const key = (await create()).body;
    const res = await call("DELETE", { accessKey: key.accessKey });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ success: true });
    expect(emulator.state.liveKeys(SUB)).toEqual([]);
  });

  test("an unknown access key on PUT or DELETE is 400/904", async () => {
    for (const [method, body] of [
      ["PUT", { accessKey: "ncp_iam_nope", active: false }],
      ["DELETE", { accessKey: "ncp_iam_nope" }],
    ] as const) {
      const res = await call(method, body);
      expect(res.status).toBe(400);
      expect(res.json()).toEqual({ errorCode: 904, message: "Nonexistent access key" });
    }
  });

  test("an unknown sub account is code 30: 404 on GET and POST, 401 on PUT and DELETE, as NCP documents it", async () => {
    const path = "/api/v1/sub-accounts/nobody/access-keys";
    for (const method of ["GET", "POST", "PUT", "DELETE"]) {
      const res = await call(method, method === "PUT" ? { accessKey: "x", active: true } : { accessKey: "x" }, path);
      const documented401 = method === "PUT" || method === "DELETE";
      expect(res.status).toBe(documented401 ? 401 : 404);
      expect(res.json()).toEqual({ errorCode: 30, message: documented401 ? "The account doesn't exist" : "Nonexistent account" });
    }
  });

  test("the sub account id is percent-decoded from the path", async () => {
    const { status } = await create(`/api/v1/sub-accounts/${encodeURIComponent("sub/with space")}/access-keys`);
    expect(status).toBe(201);
    expect(emulator.state.liveKeys("sub/with space")).toHaveLength(1);
  });

  test("a body that is not JSON, or lacks a field, is 400", async () => {
    const key = (await create()).body;
    for (const [method, body] of [
      ["PUT", "not json"],
      ["PUT", { accessKey: key.accessKey }],
      ["PUT", { accessKey: key.accessKey, active: "false" }],
      ["DELETE", "[]"],
      ["DELETE", {}],
    ] as const) {
      const res = await call(method, body);
      expect(res.status).toBe(400);
      expect(res.json()).toMatchObject({ errorCode: 400, message: expect.any(String) });
    }
    expect(emulator.state.liveKeys(SUB)).toEqual([{ accessKey: key.accessKey, active: true, createTime: key.createTime }]);
  });

  test("liveKeys is [] for an unknown sub account and addSubAccount keeps existing keys", async () => {
    expect(emulator.state.liveKeys("nobody")).toEqual([]);
    await create();
    emulator.state.addSubAccount(SUB);
    expect(emulator.state.liveKeys(SUB)).toHaveLength(1);
    emulator.state.addSubAccount("added-later");
    expect((await create("/api/v1/sub-accounts/added-later/access-keys")).status).toBe(201);
  });
});
