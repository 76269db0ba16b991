import { NcloudError } from "../../sdk";
import { answeringJson } from "../hostile/servers";
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

describe("getBucketList reads the documented types", () => {
  /** A raw Search Engine answering getBucketList with the body NCP documents. */
  const bucketServer = (bucketList: unknown[]) =>
    answeringJson(200, { code: 0, message: "SUCCESS", result: { bucketList }, requestId: "8c5b0f7e-2d4b-4bda-9c8a-1f7b6b7e2a11" });

  test("integer sizes and counts, a Unix-timestamp creationTime as ISO 8601, protection state and permission", async () => {
    const s = await bucketServer([
      { name: "snapshots", bytesUsed: 1048576, objectCount: 12, creationTime: 1705311000000, bucketProtectionState: "DISABLED", permission: "Allow" },
      { name: "archive", bytesUsed: 0, objectCount: 0, creationTime: 1709337600, bucketProtectionState: "ENABLED", permission: "Deny" },
    ]);
    try {
      expect(await s.client.searchEngine.getBucketList(GROUP)).toEqual([
        { name: "snapshots", bytesUsed: 1048576, objectCount: 12, creationTime: "2024-01-15T09:30:00.000Z", bucketProtectionState: "DISABLED", permission: "Allow" },
        { name: "archive", bytesUsed: 0, objectCount: 0, creationTime: "2024-03-02T00:00:00.000Z", bucketProtectionState: "ENABLED", permission: "Deny" },
      ]);
    } finally {
      await s.close();
    }
  });

  test("a string creationTime is not what NCP documents: the error names the field", async () => {
    const s = await bucketServer([{ name: "b", creationTime: "2024-01-15T09:30:00Z" }]);
    try {
      const error = await rejection(s.client.searchEngine.getBucketList(GROUP), NcloudError);
      expect(error.message).toContain("creationTime: expected number");
    } finally {
      await s.close();
    }
  });
});

describe("a 200 with an NCP code is an error that quotes the message as every other error does", () => {
  test("at most 200 characters of NCP's message, however long it is", async () => {
    const s = await answeringJson(200, { code: 5001, message: `bucket list failed: ${"x".repeat(100_000)}`, result: null });
    try {
      const error = await rejection(s.client.searchEngine.getBucketList(GROUP), NcloudError);
      expect(error).toMatchObject({ status: 200, code: "5001" });
      expect(error.message).toContain("NCP code 5001): bucket list failed: xxx");
      expect(error.message.length).toBeLessThan(1000);
    } finally {
      await s.close();
    }
  });
});

describe("Search Engine regions per site, against the emulator", () => {
  test("gov KRS reaches /api/krs-v2, where the emulator keeps KRS service groups", async () => {
    const h = await harness({ serviceGroups: [{ serviceGroupInstanceNo: "4242", region: "KRS" }] }, { site: "gov", region: "KRS" });
    try {
      const key = await h.client.subAccount.createAccessKey(SUB_ACCOUNT);
      await h.client.searchEngine.updateApiAuthenticationKey("4242", { accessKeyId: key.accessKey, secretKey: key.keySecret });
      const buckets = await h.client.searchEngine.getBucketList("4242");
      expect(buckets[0]).toMatchObject({ creationTime: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/), bucketProtectionState: expect.any(String) });
      expect(h.emulator.requests.map((r) => r.path).slice(-2)).toEqual([
        "/api/krs-v2/snapshot/updateAPIAuthenticationKey/4242",
        "/api/krs-v2/snapshot/getBucketList/4242",
      ]);
    } finally {
      await h.close();
    }
  });

  test("with NCLOUD_REGION=FKR on the public site, Sub Account works and Search Engine refuses before sending", async () => {
    const h = await harness({}, { env: { NCLOUD_REGION: "FKR" } });
    try {
      expect(await h.client.subAccount.listAccessKeys(SUB_ACCOUNT)).toEqual([]);
      expect(await h.client.sts.getCredentials()).toMatchObject({ accessKey: h.emulator.accessKey });
      const sent = h.emulator.requests.length;
      const error = await rejection(h.client.searchEngine.getBucketList(GROUP), NcloudError);
      expect(error.code).toBe("InvalidInput");
      expect(error.message).toContain("Search Engine is not offered in region FKR on the public site");
      expect(h.emulator.requests).toHaveLength(sent);
    } finally {
      await h.close();
    }
  });
});
