/** `pulumi up --target`: only the targeted resource is created or changed. */
import { openE2eStack, testProgram, TYPE, type E2eStack } from "./harness";
import type { KeySpec } from "./programs/keys";

jest.setTimeout(180_000);

const FIRST = "4e066e50-9c3a-11e7-8a66-1e5021fa7c80";
const SECOND = "9a1b2c3d-0000-4000-8000-000000000002";
const keys = (rotation: string): KeySpec[] => [
  { name: "first", subAccountId: FIRST, rotation },
  { name: "second", subAccountId: SECOND, rotation },
];

let e2e: E2eStack;
beforeAll(async () => {
  // It compares the state and the emulator, and the summaries.
  e2e = await openE2eStack({ program: testProgram("keys"), config: { keys: JSON.stringify(keys("1")) }, emulator: { subAccounts: [FIRST, SECOND] }, readsOutputs: false });
});
afterAll(() => e2e?.close());

const live = (subAccountId: string) => e2e.emulator.state.liveKeys(subAccountId).map((k) => k.accessKey);
const stateIds = () => Object.fromEntries(e2e.resources(TYPE.subAccountAccessKey).map((r) => [r.urn.split("::").pop(), r.id]));

let first = "";
test("up --target creates only the targeted key", async () => {
  const up = await e2e.stack.up({ target: [e2e.urn(TYPE.subAccountAccessKey, "first")] });
  // The stack itself and the targeted key; the engine counts the key it skipped as unchanged.
  expect(up.summary.resourceChanges).toEqual({ create: 2, same: 1 });
  first = live(FIRST)[0];
  expect(live(FIRST)).toHaveLength(1);
  expect(live(SECOND)).toEqual([]);
  expect(stateIds()).toEqual({ first });
});

test("up --target of the other key creates it and leaves the first alone, though the program rotates both", async () => {
  await e2e.setConfig({ keys: JSON.stringify(keys("2")) });
  const from = e2e.emulator.requests.length;
  const up = await e2e.stack.up({ target: [e2e.urn(TYPE.subAccountAccessKey, "second")] });
  expect(up.summary.resourceChanges).toEqual({ create: 1, same: 2 });
  expect(e2e.requestsSince(from)).toEqual([`POST /api/v1/sub-accounts/${SECOND}/access-keys`]);
  expect(live(FIRST)).toEqual([first]);
  expect(stateIds()).toEqual({ first, second: live(SECOND)[0] });
  // The first key's state still has the rotation it was created with.
  expect(e2e.resources(TYPE.subAccountAccessKey).find((r) => r.id === first)?.inputs).toMatchObject({ keepers: { rotation: "1" } });
});
