import { NcloudClient } from "../../sdk";
import { startEmulator, type Emulator } from "../../sdk/emulator";
import { auditSubAccountKeys } from "../../provider/handlers/keyAudit";

const SUB = "4e066e50-9c3a-11e7-8a66-1e5021fa7c80";
const DAY = 86_400_000;
const stamp = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, "Z");

describe("getSubAccountAccessKeys' audit against the emulator over loopback HTTP", () => {
  // NCP's clock four minutes behind this machine's (inside the gateway's 5-minute tolerance).
  const skewMs = -4 * 60_000;
  let emulator: Emulator;
  let client: NcloudClient;
  beforeAll(async () => {
    emulator = await startEmulator({ subAccounts: [SUB], now: () => Date.now() + skewMs });
    client = new NcloudClient({ endpoint: emulator.url, accessKey: emulator.accessKey, secretKey: emulator.secretKey, env: {} });
  });
  afterAll(async () => {
    await client.close();
    await emulator.close();
  });

  test("every key, oldest first, with its age on NCP's clock and the active count; never a secret", async () => {
    const fresh = await client.subAccount.createAccessKey(SUB);
    const keys = emulator.state.subAccounts.get(SUB)!.keys;
    const ncpNow = Date.now() + skewMs;
    // Ten days old less two minutes by NCP's clock: 9 whole days there, but 10 by this machine's.
    keys.set("NCPOLDKEY00000000001", { accessKey: "NCPOLDKEY00000000001", keySecret: "old-secret", active: false, createTime: stamp(ncpNow - 10 * DAY + 120_000) });

    const audit = await auditSubAccountKeys(client, SUB);
    expect(audit).toEqual({
      subAccountId: SUB,
      keys: [
        { accessKey: "NCPOLDKEY00000000001", active: false, createTime: expect.any(String), ageDays: 9 },
        { accessKey: fresh.accessKey, active: true, createTime: fresh.createTime, ageDays: 0 },
      ],
      activeCount: 1,
    });
    const text = JSON.stringify(audit);
    expect(text).not.toContain(fresh.keySecret);
    expect(text).not.toContain("old-secret");
    expect(text).not.toMatch(/secret/i);
  });

  test("a bad subAccountId is refused naming the field, before any request", async () => {
    const before = emulator.requests.length;
    await expect(auditSubAccountKeys(client, "../other")).rejects.toThrow(/subAccountId/);
    expect(emulator.requests.length).toBe(before);
  });
});
