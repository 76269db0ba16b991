import { NcloudError } from "../../sdk";
import { type Harness, SUB_ACCOUNT, harness, rejection } from "./helpers";

describe("subAccount client against the emulator", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness();
  });
  afterEach(() => h.close());

  test("create, list, deactivate and delete an access key", async () => {
    expect(await h.client.subAccount.listAccessKeys(SUB_ACCOUNT)).toEqual([]);
    const created = await h.client.subAccount.createAccessKey(SUB_ACCOUNT);
    expect(created.accessKey).toEqual(expect.any(String));
    expect(created.keySecret).toEqual(expect.any(String));
    expect(h.emulator.state.subAccounts.get(SUB_ACCOUNT)?.keys.get(created.accessKey)?.keySecret).toBe(created.keySecret);

    const listed = await h.client.subAccount.listAccessKeys(SUB_ACCOUNT);
    expect(listed).toEqual([{ accessKey: created.accessKey, active: true, createTime: created.createTime }]);
    expect(JSON.stringify(listed)).not.toContain(created.keySecret);

    await h.client.subAccount.setAccessKeyActive(SUB_ACCOUNT, created.accessKey, false);
    expect((await h.client.subAccount.listAccessKeys(SUB_ACCOUNT))[0].active).toBe(false);

    await h.client.subAccount.deleteAccessKey(SUB_ACCOUNT, created.accessKey);
    expect(await h.client.subAccount.listAccessKeys(SUB_ACCOUNT)).toEqual([]);
  });

  test("a third active key is 409/9012 with advice to delete or deactivate one", async () => {
    await h.client.subAccount.createAccessKey(SUB_ACCOUNT);
    await h.client.subAccount.createAccessKey(SUB_ACCOUNT);
    const error = await rejection(h.client.subAccount.createAccessKey(SUB_ACCOUNT), NcloudError);
    expect(error).toMatchObject({ status: 409, code: "9012", service: "subAccount", operation: "subAccount.createAccessKey", outcomeUnknown: false, retryable: false });
    expect(error.message).toMatch(/^subAccount\.createAccessKey failed \(409, NCP code 9012\): .* Fix: .*maximum number of active keys: delete or deactivate one/);
  });

  test("an unknown sub account is code 30 (404 on list and create, 401 on set-active): check subAccountId, not the keys", async () => {
    for (const [call, status] of [
      [h.client.subAccount.listAccessKeys("no-such-sub-account"), 404],
      [h.client.subAccount.createAccessKey("no-such-sub-account"), 404],
      [h.client.subAccount.setAccessKeyActive("no-such-sub-account", "SOMEKEY", false), 401],
    ] as const) {
      const error = await rejection(call, NcloudError);
      expect(error).toMatchObject({ status, code: "30" });
      expect(error.message).toContain("Fix: no sub account with this subAccountId: check subAccountId");
      expect(error.message).not.toContain("machine clock");
    }
  });

  test("deleting a key of a sub account that is gone (401/30) says the key is gone with it", async () => {
    const error = await rejection(h.client.subAccount.deleteAccessKey("no-such-sub-account", "SOMEKEY"), NcloudError);
    expect(error).toMatchObject({ status: 401, code: "30" });
    expect(error.message).toContain("Fix: the sub account no longer exists, and its keys with it: the key is already gone");
    expect(error.message).not.toContain("machine clock");
  });

  test("an unknown access key is 400/904 on delete and on set-active", async () => {
    for (const call of [
      h.client.subAccount.deleteAccessKey(SUB_ACCOUNT, "NOSUCHKEY"),
      h.client.subAccount.setAccessKeyActive(SUB_ACCOUNT, "NOSUCHKEY", true),
    ]) {
      const error = await rejection(call, NcloudError);
      expect(error).toMatchObject({ status: 400, code: "904" });
      expect(error.message).toContain("no such access key");
    }
  });

  test("a wrong secret key is 401/200: check the keys, naming env and config", async () => {
    const client = h.makeClient({ secretKey: "wrong-secret-key-000" });
    const error = await rejection(client.subAccount.listAccessKeys(SUB_ACCOUNT), NcloudError);
    expect(error).toMatchObject({ status: 401, code: "200", retryable: false });
    expect(error.message).toContain("ncloud:accessKey / ncloud:secretKey, NCLOUD_ACCESS_KEY / NCLOUD_SECRET_KEY");
    expect(error.message).toContain("clock");
    expect(h.emulator.requests).toHaveLength(1);
  });

  test("the path on the wire is the documented one, with the id in it", async () => {
    await h.client.subAccount.listAccessKeys(SUB_ACCOUNT);
    expect(h.emulator.requests[0].path).toBe(`/api/v1/sub-accounts/${SUB_ACCOUNT}/access-keys`);
  });

  test("bad input sends no request", async () => {
    const calls = [
      h.client.subAccount.listAccessKeys(""),
      h.client.subAccount.createAccessKey("../../credentials"),
      h.client.subAccount.deleteAccessKey(SUB_ACCOUNT, "a/b"),
      h.client.subAccount.setAccessKeyActive(SUB_ACCOUNT, "KEY", "yes" as unknown as boolean),
    ];
    for (const call of calls) {
      const error = await rejection(call, NcloudError);
      expect(error).toMatchObject({ status: undefined, code: "InvalidInput" });
    }
    expect(h.emulator.requests).toEqual([]);
  });

  test("missing credentials fail at the first request, naming what to set, and send nothing", async () => {
    const client = h.makeClient({ accessKey: undefined, secretKey: undefined, configFile: "/nonexistent/ncloud/configure" });
    const error = await rejection(client.subAccount.listAccessKeys(SUB_ACCOUNT), NcloudError);
    expect(error.message).toContain("NCLOUD_ACCESS_KEY");
    expect(error.message).toContain("ncloud:secretKey");
    expect(h.emulator.requests).toEqual([]);
  });
});
