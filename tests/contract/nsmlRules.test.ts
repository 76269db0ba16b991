import { generateKeyPairSync } from "node:crypto";
import { INVALID_INPUT, NcloudError } from "../../sdk";
import { type Emulator, startEmulator } from "../../sdk/emulator";
import { signedRequest } from "../emulator/signedRequest";
import { sshPublicKey } from "../sdk/helpers";
import { clientFor, documentedAnswer } from "./operations";
import { Recorder } from "./recorder";
import { type Row, describeRow, readTable } from "./table";

/**
 * The NSML create rules of rows R07 (title) and R08 (key): what the docs allow is sent by the SDK
 * and accepted by the emulator; what they do not is refused by the SDK before any request.
 */
const rows = readTable();
const row = (name: string): Row => rows.find((r) => r.service === "nsml" && r.kind === "request" && r.name === name)!;

function blob(...parts: Buffer[]): string {
  return Buffer.concat(
    parts.map((part) => {
      const length = Buffer.alloc(4);
      length.writeUInt32BE(part.length);
      return Buffer.concat([length, part]);
    }),
  ).toString("base64");
}

/** An SSH mpint: big-endian, with a zero byte in front when the top bit is set. */
const mpint = (b64url: string): Buffer => {
  const raw = Buffer.from(b64url, "base64url");
  return raw[0] & 0x80 ? Buffer.concat([Buffer.from([0]), raw]) : raw;
};

function ecdsaKey(bits: 256 | 384 | 521): string {
  const point = { 256: 65, 384: 97, 521: 133 }[bits];
  const der = generateKeyPairSync("ec", { namedCurve: `P-${bits}` }).publicKey.export({ type: "spki", format: "der" });
  const curve = `nistp${bits}`;
  return `ecdsa-sha2-${curve} ${blob(Buffer.from(`ecdsa-sha2-${curve}`), Buffer.from(curve), der.subarray(der.length - point))} contract`;
}

function rsaKey(): string {
  const jwk = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ format: "jwk" });
  return `ssh-rsa ${blob(Buffer.from("ssh-rsa"), mpint(jwk.e!), mpint(jwk.n!))} contract`;
}

const DOCUMENTED_KEYS: Array<[string, string]> = [
  ["ssh-rsa", rsaKey()],
  ["ssh-ed25519", sshPublicKey("contract")],
  ["ecdsa-sha2-nistp256", ecdsaKey(256)],
  ["ecdsa-sha2-nistp384", ecdsaKey(384)],
  ["ecdsa-sha2-nistp521", ecdsaKey(521)],
];
const ED25519 = DOCUMENTED_KEYS[1][1];

let recorder: Recorder;
let emulator: Emulator;
beforeAll(async () => {
  recorder = await new Recorder(documentedAnswer).start();
  emulator = await startEmulator();
});
afterAll(async () => {
  await recorder.close();
  await emulator.close();
});

async function create(title: string, key: string): Promise<{ sent: number; error?: unknown }> {
  const client = clientFor(recorder.url);
  const from = recorder.requests.length;
  try {
    await client.nsml.createAuthKey({ title, key });
    return { sent: recorder.since(from).filter((r) => r.method === "POST").length };
  } catch (error) {
    return { sent: recorder.since(from).filter((r) => r.method === "POST").length, error };
  } finally {
    await client.close();
  }
}

async function expectRefused(r: Row, title: string, key: string): Promise<void> {
  const { sent, error } = await create(title, key);
  if (sent > 0) throw new Error(`${describeRow(r)}: title ${JSON.stringify(title)} / key ${key.slice(0, 24)}… was sent`);
  if (!(error instanceof NcloudError) || error.code !== INVALID_INPUT) {
    throw new Error(`${describeRow(r)}: expected InvalidInput before any request, got ${String(error)}`);
  }
}

describe("R08: every documented key type is sent by the SDK and accepted by the emulator", () => {
  test.each(DOCUMENTED_KEYS)("%s", async (type, key) => {
    const { sent, error } = await create(`key-${type.replace(/[^a-z0-9]/g, "")}`.slice(0, 30), key);
    if (sent !== 1) throw new Error(`${describeRow(row("key"))}: the SDK did not send a ${type} key: ${String(error)}`);
    const answer = await signedRequest(emulator, { method: "POST", path: "/nsml/v1/auth-keys", body: { title: `k${type.length}x`, key } });
    if (answer.status < 200 || answer.status > 299) {
      throw new Error(`${describeRow(row("key"))}: the emulator refused a ${type} key: ${answer.status} ${answer.text.slice(0, 160)}`);
    }
  });

  test.each([["ssh-dss AAAAB3NzaC1kc3MAAACBAP8= contract"], ["not a key"], [""]])("refuses %j", (key) => expectRefused(row("key"), "authkey", key));
});

describe("R07: titles are letters, digits and -, start with a letter, no --", () => {
  test.each([["authkey"], ["auth-key-1"], ["A1"]])("sends %j", async (title) => {
    const { sent, error } = await create(title, ED25519);
    if (sent !== 1) throw new Error(`${describeRow(row("title"))}: the SDK did not send the valid title ${JSON.stringify(title)}: ${String(error)}`);
  });

  test.each([["1key"], ["-key"], ["key--a"], ["key_a"], ["key a"], [""]])("refuses %j before any request", (title) =>
    expectRefused(row("title"), title, ED25519),
  );
});
