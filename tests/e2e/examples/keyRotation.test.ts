/**
 * examples/key-rotation on the real Pulumi engine, against the NCP emulator, configured with only
 * the keys its README requires: up, rotate, refresh, destroy, and `pulumi stack output
 * --show-secrets`. After each step: the emulator holds one live key, held by the service group,
 * and the state holds every secret as ciphertext only.
 */
import { plaintextUnder, secretValues } from "../../../scripts/engine/stateScan";
import { example, openE2eStack, type E2eStack } from "../harness";

jest.setTimeout(180_000);

const SUB_ACCOUNT = "4e066e50-9c3a-11e7-8a66-1e5021fa7c80";
const SERVICE_GROUP = "1531843";
let e2e: E2eStack;
/** Every secret seen so far: none may appear in plaintext in the state, the stack config or the CLI's output. */
const secrets: string[] = [];
let printed = "";
const onOutput = (text: string) => (printed += text);

beforeAll(async () => {
  // Only the keys the README calls required: rotationDays and maxKeyAgeDays are optional.
  e2e = await openE2eStack({ program: example("key-rotation"), config: { subAccountId: SUB_ACCOUNT, serviceGroupInstanceNo: SERVICE_GROUP, rotation: "2026-06" } });
  secrets.push(e2e.emulator.secretKey, e2e.emulator.apiKey);
});
afterAll(() => e2e?.close());

const liveKeys = () => e2e.emulator.state.liveKeys(SUB_ACCOUNT).map((k) => k.accessKey);
const serviceGroup = () => e2e.emulator.state.serviceGroups.get(SERVICE_GROUP);

/** `held`: the state still holds the key (and so some secret); after destroy it holds none. */
function expectSecretsOnlyAsCiphertext({ held = true } = {}): void {
  const stored = secretValues(e2e.checkpoint());
  expect(stored.notCiphertext).toEqual([]);
  if (held) expect(stored.ciphertext).toBeGreaterThan(0);
  expect(plaintextUnder(e2e.backendDir, secrets)).toEqual([]);
  expect(plaintextUnder(e2e.workDir, secrets)).toEqual([]);
  for (const secret of secrets) expect(printed).not.toContain(secret);
}

let first = "";
test("up with only the required config creates the key and hands it to the service group", async () => {
  const result = await e2e.stack.up({ onOutput });
  expect(result.summary.resourceChanges).toEqual({ create: 3 });
  first = result.outputs.accessKey.value;
  secrets.push(result.outputs.keySecret.value);
  expect(liveKeys()).toEqual([first]);
  expect(serviceGroup()).toMatchObject({ accessKeyId: first, secretKey: result.outputs.keySecret.value });
  expect(result.outputs.keySecret.secret).toBe(true);
  expect(result.outputs.rotatesAt.value).toBe("never (rotationDays not set)");
  expect(result.outputs.untrackedOldKeys.value).toEqual([]);
  expect(printed).toMatch(/keySecret\s*: \[secret\]/);
  expectSecretsOnlyAsCiphertext();
});

test("`pulumi stack output --show-secrets` gives the plaintext keySecret; without it, the secret stays hidden", async () => {
  const keySecret = secrets[secrets.length - 1];
  // What the Automation API's stack.outputs() runs (the up above returned its result); here as a user types it.
  const all = await e2e.runCli(["stack", "output", "--json", "--show-secrets"]);
  expect(JSON.parse(all.stdout)).toMatchObject({ accessKey: first, keySecret });
  // The README's command.
  const shown = await e2e.runCli(["stack", "output", "keySecret", "--show-secrets"]);
  expect(shown).toMatchObject({ code: 0, stdout: `${keySecret}\n` });
  const hidden = await e2e.runCli(["stack", "output", "--json"]);
  expect(JSON.parse(hidden.stdout)).toMatchObject({ accessKey: first, keySecret: "[secret]" });
  expect(hidden.stdout).not.toContain(keySecret);
  // Reading it changed nothing on disk: the checkpoint still holds it as ciphertext only.
  expectSecretsOnlyAsCiphertext();
});

test("with the same config, a preview finds nothing to change and sends nothing", async () => {
  const before = e2e.emulator.requests.length;
  const preview = await e2e.stack.preview({ onOutput });
  expect(preview.changeSummary).toEqual({ same: 3 });
  expect(e2e.requestsSince(before, { withReads: true })).toEqual([`GET /api/v1/sub-accounts/${SUB_ACCOUNT}/access-keys`]);
});

test("a new rotation value rotates the key: the new key reaches the service group before the old one is deleted", async () => {
  await e2e.setConfig({ rotation: "2026-07" });
  const before = e2e.emulator.requests.length;
  const result = await e2e.stack.up({ onOutput });
  const second = result.outputs.accessKey.value;
  secrets.push(result.outputs.keySecret.value);
  expect(result.summary.resourceChanges).toEqual({ replace: 1, update: 1, same: 1 });
  expect(second).not.toBe(first);
  expect(e2e.requestsSince(before)).toEqual([
    `POST /api/v1/sub-accounts/${SUB_ACCOUNT}/access-keys`,
    `POST /api/v2/snapshot/updateAPIAuthenticationKey/${SERVICE_GROUP}`,
    `DELETE /api/v1/sub-accounts/${SUB_ACCOUNT}/access-keys`,
  ]);
  expect(liveKeys()).toEqual([second]);
  expect(serviceGroup()?.accessKeyId).toBe(second);
  expectSecretsOnlyAsCiphertext();
});

test("refresh sees no drift", async () => {
  const refresh = await e2e.stack.refresh({ onOutput });
  expect(refresh.summary.resourceChanges).toEqual({ same: 3 });
});

test("destroy deletes the key and empties the state; the service group keeps its last key (NCP cannot unset it)", async () => {
  const held = serviceGroup()?.accessKeyId;
  const result = await e2e.stack.destroy({ onOutput });
  expect(result.summary.resourceChanges).toEqual({ delete: 3 });
  expect(liveKeys()).toEqual([]);
  expect(e2e.resources()).toEqual([]);
  expect(serviceGroup()?.accessKeyId).toBe(held);
  expectSecretsOnlyAsCiphertext({ held: false });
});
