/**
 * `pulumi up -p 1` and `-p 16` with 50 keys over 25 sub accounts (NCP allows 2 active keys per
 * sub account): every key is created and in state, and destroy leaves none, whatever the engine's
 * parallelism. No timing is checked here: `npm run bench` measures that. The two stacks (each with
 * its own emulator) run side by side, to keep the suite short.
 */
import { openE2eStack, testProgram, TYPE, type E2eStack } from "./harness";
import type { KeySpec } from "./programs/keys";

jest.setTimeout(240_000);

const SUB_ACCOUNTS = Array.from({ length: 25 }, (_, i) => `5ub0acc0-0000-4000-8000-${String(i).padStart(12, "0")}`);
const KEYS: KeySpec[] = Array.from({ length: 50 }, (_, i) => ({ name: `key-${i}`, subAccountId: SUB_ACCOUNTS[i % SUB_ACCOUNTS.length] }));
const PARALLELISM = [1, 16];

const stacks = new Map<number, E2eStack>();
beforeAll(async () => {
  for (const parallel of PARALLELISM) {
    stacks.set(parallel, await openE2eStack({ program: testProgram("keys"), config: { keys: JSON.stringify(KEYS) }, emulator: { subAccounts: SUB_ACCOUNTS } }));
  }
});
afterAll(async () => {
  for (const e2e of stacks.values()) await e2e.close();
});

test.concurrent.each(PARALLELISM)("-p %i: up creates all 50 keys, two per sub account, each in state; destroy deletes them all and empties the state", async (parallel) => {
  const e2e = stacks.get(parallel)!;
  const liveKeys = () => SUB_ACCOUNTS.flatMap((id) => e2e.emulator.state.liveKeys(id).map((k) => k.accessKey)).sort();

  const up = await e2e.stack.up({ parallel });
  expect(up.summary.resourceChanges).toEqual({ create: 51 });
  for (const id of SUB_ACCOUNTS) expect(e2e.emulator.state.liveKeys(id)).toHaveLength(2);
  const inState = e2e.resources(TYPE.subAccountAccessKey);
  expect(inState).toHaveLength(50);
  expect(inState.map((r) => r.id).sort()).toEqual(liveKeys());
  expect(Object.keys(up.outputs.accessKeys.value)).toHaveLength(50);

  const destroy = await e2e.stack.destroy({ parallel });
  expect(destroy.summary.resourceChanges).toEqual({ delete: 51 });
  expect(liveKeys()).toEqual([]);
  expect(e2e.resources()).toEqual([]);
});
