import * as pulumi from "@pulumi/pulumi";
import { generateKeyPairSync } from "node:crypto";
import { NcloudClient } from "../../sdk";
import { startEmulator, type Emulator } from "../../sdk/emulator";
import {
  getNsmlAuthKeys,
  getNsmlAuthKeysOutput,
  getStsCredentials,
  getStsCredentialsOutput,
  getSubAccountAccessKeys,
  getSubAccountAccessKeysOutput,
} from "../../provider";

/**
 * The get functions run inside the user's program (not in the provider host) and read the same
 * `ncloud:*` stack config, here set as `pulumi up` sets it, secrets marked secret.
 */
let emulator: Emulator;

function settle<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

function publicKey(): string {
  const der = generateKeyPairSync("ed25519").publicKey.export({ format: "der", type: "spki" });
  const blob = Buffer.concat([Buffer.from([0, 0, 0, 11]), Buffer.from("ssh-ed25519"), Buffer.from([0, 0, 0, 32]), der.subarray(der.length - 32)]);
  return `ssh-ed25519 ${blob.toString("base64")}`;
}

beforeAll(async () => {
  emulator = await startEmulator();
  pulumi.runtime.setAllConfig(
    {
      "ncloud:accessKey": emulator.accessKey,
      "ncloud:secretKey": emulator.secretKey,
      "ncloud:apiKey": emulator.apiKey,
      "ncloud:apiUrl": emulator.url,
    },
    ["ncloud:secretKey", "ncloud:apiKey"],
  );
  const seeder = new NcloudClient({ endpoint: emulator.url, accessKey: emulator.accessKey, secretKey: emulator.secretKey, apiKey: emulator.apiKey });
  await seeder.nsml.createAuthKey({ title: "ci", key: publicKey() });
  await seeder.nsml.createAuthKey({ title: "laptop", key: publicKey() });
  await seeder.close();
});
afterAll(() => emulator.close());

test("getStsCredentials() reads the caller's own key with GET", async () => {
  const result = await getStsCredentials();
  expect(result.accessKey).toBe(emulator.accessKey);
  expect(emulator.requests.at(-1)).toMatchObject({ method: "GET", path: "/api/v1/credentials" });
});

test("getStsCredentials with durationSec creates temporary credentials whose keySecret is a secret Output", async () => {
  const result = await getStsCredentials({ durationSec: 1800 });
  const issued = emulator.state.stsIssued.at(-1)!;
  expect(result.accessKey).toBe(issued.accessKey);
  expect(await pulumi.isSecret(result.keySecret)).toBe(true);
  expect(await settle(result.keySecret)).toBe(issued.keySecret);
});

test("getStsCredentialsOutput takes Outputs and returns a secret result", async () => {
  const result = getStsCredentialsOutput({ durationSec: pulumi.output(900) });
  expect(await pulumi.isSecret(result)).toBe(true);
  const { accessKey } = await settle(result);
  expect(accessKey).toBe(emulator.state.stsIssued.at(-1)!.accessKey);
});

test("getNsmlAuthKeys and getNsmlAuthKeysOutput filter by title", async () => {
  const all = await getNsmlAuthKeys();
  expect(all.totalCount).toBe(2);
  const ci = await settle(getNsmlAuthKeysOutput({ title: pulumi.output("ci") }));
  expect(ci.keys.map((k) => k.title)).toEqual(["ci"]);
  expect(ci.keys[0].fingerprint).toBe(emulator.state.nsmlKeys.find((k) => k.title === "ci")!.fingerprint);
});

test("getSubAccountAccessKeys and its Output form list the sub account's keys with their age, and no secret", async () => {
  const subAccountId = "4e066e50-9c3a-11e7-8a66-1e5021fa7c80";
  const seeder = new NcloudClient({ endpoint: emulator.url, accessKey: emulator.accessKey, secretKey: emulator.secretKey });
  const created = await seeder.subAccount.createAccessKey(subAccountId);
  await seeder.close();
  const listed = await getSubAccountAccessKeys({ subAccountId });
  expect(listed).toEqual({ subAccountId, keys: [{ accessKey: created.accessKey, active: true, createTime: created.createTime, ageDays: 0 }], activeCount: 1 });
  const viaOutput = await settle(getSubAccountAccessKeysOutput({ subAccountId: pulumi.output(subAccountId) }));
  expect(viaOutput).toEqual(listed);
  expect(JSON.stringify(viaOutput)).not.toContain(created.keySecret);
  await expect(getSubAccountAccessKeys({ subAccountId: "" })).rejects.toThrow(/subAccountId/);
});

test("bad arguments fail before any request, naming the field", async () => {
  const before = emulator.requests.length;
  await expect(getStsCredentials({ durationSec: 10 })).rejects.toThrow(/durationSec/);
  expect(emulator.requests.length).toBe(before);
});

test("an apiKey argument replaces the configured one and still uses the stack's endpoint", async () => {
  const ci = await getNsmlAuthKeys({ apiKey: emulator.apiKey, title: "ci" });
  expect(ci.totalCount).toBe(1);
  const wrong = "sentinel-wrong-nsml-api-key-789";
  const error = await getNsmlAuthKeys({ apiKey: wrong }).then(
    () => undefined,
    (e: Error) => e,
  );
  expect(error?.message).toMatch(/API key/);
  expect(error?.message).not.toContain(wrong);
  expect(emulator.requests.at(-1)).toMatchObject({ method: "GET", path: "/nsml/v1/auth-keys", status: 401 });
});
