import { NcloudError } from "../../sdk";
import { type Harness, SUB_ACCOUNT, harness, rejection } from "./helpers";

const GROUP = "1531843";

describe("searchEngine client against the emulator", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness({ serviceGroups: [{ serviceGroupInstanceNo: GROUP }, { serviceGroupInstanceNo: "777", region: "SGN" }] });
  });
  afterEach(() => h.close());

  test("setting a live sub account key lets the service group list its buckets", async () => {
    const key = await h.client.subAccount.createAccessKey(SUB_ACCOUNT);
    const { requestId } = await h.client.searchEngine.updateApiAuthenticationKey(GROUP, {
      accessKeyId: key.accessKey,
      secretKey: key.keySecret,
    });
    expect(requestId).toEqual(expect.any(String));
    expect(h.emulator.state.serviceGroups.get(GROUP)?.accessKeyId).toBe(key.accessKey);
    expect(Array.isArray(await h.client.searchEngine.getBucketList(Number(GROUP)))).toBe(true);
    expect(h.emulator.requests.at(-1)?.path).toBe(`/api/v2/snapshot/getBucketList/${GROUP}`);
  });

  test("a key Object Storage does not accept is NCP code 5001 with the fix", async () => {
    await h.client.searchEngine.updateApiAuthenticationKey(GROUP, { accessKeyId: "DEADKEY", secretKey: "dead-secret-123456" });
    const error = await rejection(h.client.searchEngine.getBucketList(GROUP), NcloudError);
    expect(error).toMatchObject({ code: "5001", service: "searchEngine" });
    expect(error.message).toContain("the service group's API authentication key cannot reach Object Storage");
  });

  test("the region option picks the regional path", async () => {
    const key = await h.client.subAccount.createAccessKey(SUB_ACCOUNT);
    await h.client.searchEngine.updateApiAuthenticationKey("777", { accessKeyId: key.accessKey, secretKey: key.keySecret }, { region: "SGN" });
    expect(h.emulator.requests.at(-1)?.path).toBe("/api/sgn-v2/snapshot/updateAPIAuthenticationKey/777");
  });

  test("an unknown service group is a 404 that says to check serviceGroupInstanceNo", async () => {
    const error = await rejection(h.client.searchEngine.getBucketList("999999"), NcloudError);
    expect(error.status).toBe(404);
    expect(error.message).toContain("check serviceGroupInstanceNo");
  });

  test("a non-numeric group number or an unknown region sends nothing", async () => {
    const calls = [
      h.client.searchEngine.getBucketList("15a"),
      h.client.searchEngine.getBucketList(GROUP, { region: "EU" }),
      h.client.searchEngine.updateApiAuthenticationKey(GROUP, { accessKeyId: "", secretKey: "x" }),
    ];
    for (const call of calls) expect((await rejection(call, NcloudError)).code).toBe("InvalidInput");
    expect(h.emulator.requests).toEqual([]);
  });
});
