/**
 * examples/temporary-credentials on the real Pulumi engine, against the NCP emulator, with no
 * config of its own (every key has a default): up, renew, refresh, destroy.
 */
import { TEST_CLOCK_VARIABLE } from "../../../provider/handlers/rotation";
import { plaintextUnder, secretValues } from "../../../scripts/engine/stateScan";
import { example, openE2eStack, TYPE, type E2eStack } from "../harness";

jest.setTimeout(180_000);

let e2e: E2eStack;
const secrets: string[] = [];
let printed = "";
const onOutput = (text: string) => (printed += text);

beforeAll(async () => {
  e2e = await openE2eStack({ program: example("temporary-credentials") });
  secrets.push(e2e.emulator.secretKey, e2e.emulator.apiKey);
});
afterAll(() => e2e?.close());

const minted = () => e2e.emulator.state.stsIssued.map((c) => c.accessKey);

function expectSecretsOnlyAsCiphertext(): void {
  expect(secretValues(e2e.checkpoint()).notCiphertext).toEqual([]);
  expect(plaintextUnder(e2e.backendDir, secrets)).toEqual([]);
  for (const secret of secrets) expect(printed).not.toContain(secret);
}

let first = "";
test("up mints temporary credentials for durationSec's default (3600 s) and reads the caller's identity", async () => {
  const startedAt = Date.now();
  const result = await e2e.stack.up({ onOutput });
  expect(result.summary.resourceChanges).toEqual({ create: 2 });
  first = result.outputs.accessKey.value;
  secrets.push(result.outputs.keySecret.value);
  expect(minted()).toEqual([first]);
  expect(result.outputs.keySecret).toEqual({ value: e2e.emulator.state.stsIssued[0].keySecret, secret: true });
  expect(result.outputs.callerAccessKey.value).toBe(e2e.emulator.accessKey);
  // The lifetime NCP was asked for, read from NCP's own stamps (not this machine's clock).
  const issued = e2e.emulator.state.stsIssued[0];
  expect(Date.parse(issued.expireTime) - Date.parse(issued.createTime)).toBe(3600_000);
  expect(Date.parse(result.outputs.expireTime.value)).toBeGreaterThan(startedAt);
  expect(secretValues(e2e.checkpoint()).ciphertext).toBeGreaterThan(0);
  expectSecretsOnlyAsCiphertext();
});

test("refresh far from expiry keeps them (not due) and mints nothing: NCP cannot read temporary credentials back", async () => {
  const before = e2e.emulator.requests.length;
  const refresh = await e2e.stack.refresh({ onOutput });
  expect(refresh.summary.resourceChanges).toEqual({ same: 2 });
  expect(e2e.requestsSince(before)).toEqual([]);
  expect(minted()).toEqual([first]);
});

test("up within renewBefore of expiry renews them", async () => {
  // 5 minutes before they expire, by the provider's test clock (honoured against loopback only):
  // inside the default renewBefore of 600 s.
  const [held] = e2e.resources(TYPE.stsCredentials); // the state as the refresh above left it
  const expireTime = String(held.outputs?.expireTime);
  e2e.stack.workspace.envVars[TEST_CLOCK_VARIABLE] = new Date(Date.parse(expireTime) - 300_000).toISOString();
  const result = await e2e.stack.up({ onOutput });
  delete e2e.stack.workspace.envVars[TEST_CLOCK_VARIABLE];
  secrets.push(result.outputs.keySecret.value);
  expect(result.summary.resourceChanges).toEqual({ replace: 1, same: 1 });
  expect(result.outputs.accessKey.value).not.toBe(first);
  expect(minted()).toEqual([first, result.outputs.accessKey.value]);
  expectSecretsOnlyAsCiphertext();
});

test("destroy forgets them and sends nothing: NCP cannot revoke them, they expire", async () => {
  const before = e2e.emulator.requests.length;
  const result = await e2e.stack.destroy({ onOutput });
  expect(result.summary.resourceChanges).toEqual({ delete: 2 });
  expect(e2e.requestsSince(before)).toEqual([]);
  expect(e2e.resources()).toEqual([]);
  expectSecretsOnlyAsCiphertext();
});
