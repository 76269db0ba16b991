import { generateKeyPairSync } from "node:crypto";
import { NcloudClient } from "../../sdk";
import { providerKey, reveal } from "./providerHost";
import { startNcloudStack, type NcloudStack } from "./ncloudStack";

function publicKey(): string {
  const { publicKey: key } = generateKeyPairSync("ed25519");
  const der = key.export({ format: "der", type: "spki" });
  const raw = der.subarray(der.length - 32);
  const blob = Buffer.concat([Buffer.from([0, 0, 0, 11]), Buffer.from("ssh-ed25519"), Buffer.from([0, 0, 0, 32]), raw]);
  return `ssh-ed25519 ${blob.toString("base64")} test@example`;
}

describe("StsCredentials and NsmlAuthKeys through the real dynamic-provider host", () => {
  let stack: NcloudStack;
  let client: NcloudClient;
  beforeAll(async () => {
    stack = await startNcloudStack();
    const { url, accessKey, secretKey, apiKey } = stack.emulator;
    client = new NcloudClient({ endpoint: url, accessKey, secretKey, apiKey });
    await client.nsml.createAuthKey({ title: "authkey", key: publicKey() });
    await client.nsml.createAuthKey({ title: "authkey", key: publicKey() });
    await client.nsml.createAuthKey({ title: "other", key: publicKey() });
  });
  afterAll(async () => {
    await client.close();
    await stack.close();
  });

  test("StsCredentials with no arguments reads the caller's own key (GET), with no secret to return", async () => {
    const { id, properties } = await stack.createResource("stsCredentials", "own", {});
    expect(id).toBe(stack.emulator.accessKey);
    expect(properties).toMatchObject({ accessKey: stack.emulator.accessKey, renewBefore: 600 });
    expect(properties.keySecret).toBeUndefined();
    expect(stack.emulator.requests.at(-1)).toMatchObject({ method: "GET", path: "/api/v1/credentials" });
  });

  test("StsCredentials with durationSec creates temporary credentials (POST) and returns their secret", async () => {
    const { properties } = await stack.createResource("stsCredentials", "temporary", { durationSec: 900 });
    const issued = stack.emulator.state.stsIssued.at(-1)!;
    expect(properties.accessKey).toBe(issued.accessKey);
    expect(reveal(properties.keySecret)).toBe(issued.keySecret);
    expect(Date.parse(String(properties.expireTime)) - Date.parse(String(properties.createTime))).toBe(900_000);
  });

  test("StsCredentials are replaced by the next up once within renewBefore of expiry", async () => {
    const { id, properties, inputs } = await stack.createResource("stsCredentials", "renew", { durationSec: 900, renewBefore: 600 });
    const u = stack.urn("stsCredentials", "renew");
    expect((await stack.host.diff(id, u, properties, inputs)).changes).toBe("DIFF_NONE");
    const nearExpiry = { ...properties, expireTime: new Date(Date.now() + 300_000).toISOString() };
    expect(await stack.host.diff(id, u, nearExpiry, inputs)).toMatchObject({ changes: "DIFF_SOME", replaces: ["expireTime"] });
    await expect(stack.host.delete(id, u, properties)).resolves.toBeUndefined();
  });

  test("StsCredentials reject durationSec out of range in check, before any request", async () => {
    const before = stack.emulator.requests.length;
    const checked = await stack.host.check(stack.urn("stsCredentials", "bad"), {}, { [providerKey]: await stack.provider("stsCredentials"), durationSec: 60 });
    expect(checked.failures).toEqual([{ property: "durationSec", reason: expect.stringMatching(/at least 600/) }]);
    expect(stack.emulator.requests.length).toBe(before);
  });

  test("NsmlAuthKeys lists keys with ISO 8601 times, filters by title, and refresh re-reads", async () => {
    const { id, properties } = await stack.createResource("nsmlAuthKeys", "nsml", { title: "authkey" });
    expect(properties.totalCount).toBe(2);
    const keys = properties.keys as Array<Record<string, string>>;
    expect(keys.every((k) => k.title === "authkey" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+09:00$/.test(k.createTime))).toBe(true);
    expect(keys.map((k) => k.fingerprint).sort()).toEqual(
      stack.emulator.state.nsmlKeys.filter((k) => k.title === "authkey").map((k) => k.fingerprint).sort(),
    );
    await client.nsml.createAuthKey({ title: "authkey", key: publicKey() });
    const read = await stack.host.read(id, stack.urn("nsmlAuthKeys", "nsml"), properties);
    expect(read.properties.totalCount).toBe(3);
  });

  test("NsmlAuthKeys with a wrong apiKey argument fails with what to fix", async () => {
    await expect(stack.createResource("nsmlAuthKeys", "wrong", { apiKey: "not-the-api-key" })).rejects.toThrow(/API key/);
  });

  test("nothing the host printed contains a secret", () => {
    const output = stack.host.output();
    for (const secret of [stack.emulator.secretKey, stack.emulator.apiKey, ...stack.emulator.state.stsIssued.map((s) => s.keySecret)]) {
      expect(output).not.toContain(secret);
    }
  });
});
