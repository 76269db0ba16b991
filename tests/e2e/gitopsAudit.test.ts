/**
 * examples/gitops's program on the real Pulumi engine against the emulator (issue 16, item 6): the
 * stack config it needs, and its audit: a key older than maxKeyAgeDays rotates, and the run that
 * rotated it reports no untracked key, though Pulumi deletes the replaced key only at the end of
 * the run, after the program listed the keys.
 * (tests/e2e/gitops.test.ts replays the workflow itself; this is the program alone, faster.)
 */
import { example, openE2eStack, TYPE, type E2eStack } from "./harness";

jest.setTimeout(300_000);

const DAY = 86_400_000;
const subAccountId = "4e066e50-9c3a-11e7-8a66-1e5021fa7c80";
const groupNo = "1531843";

let e2e: E2eStack;
/** NCP's clock: when keys are created, and the ages the audit counts; undefined is now. */
let clock: number | undefined;

beforeAll(async () => {
  e2e = await openE2eStack({
    program: example("gitops"),
    // Only the two keys Pulumi.yaml gives no default: rotation ("initial"), rotationDays (90) and
    // maxKeyAgeDays (100) come from its defaults.
    config: { subAccountId, serviceGroupInstanceNo: groupNo },
    emulator: { now: () => clock ?? Date.now(), gatewayNow: Date.now, subAccounts: [subAccountId] },
  });
});

afterAll(() => e2e?.close());

const live = () => e2e.emulator.state.liveKeys(subAccountId).map((k) => k.accessKey);

test("the CLI refuses a stack without subAccountId, naming it, before the program runs", async () => {
  await e2e.stack.removeConfig("subAccountId");
  try {
    await expect(e2e.stack.preview()).rejects.toThrow("missing configuration value 'subAccountId'");
  } finally {
    await e2e.setConfig({ subAccountId });
  }
  expect(e2e.emulator.requests).toEqual([]);
});

let rotated = "";
test("every other key has a default; a key 120 days old (maxKeyAgeDays 100) rotates; the audit of that run names no untracked key", async () => {
  clock = Date.now() - 120 * DAY; // the stack made its key 120 days ago, and no run rotated it since
  const first = await e2e.stack.up();
  clock = undefined;
  const old = String(first.outputs.accessKey.value);
  // rotation and rotationDays as Pulumi.yaml's defaults give them (maxKeyAgeDays too: the program
  // requires it).
  expect(e2e.resources(TYPE.subAccountAccessKey).map((r) => r.inputs)).toEqual([expect.objectContaining({ keepers: { rotation: "initial" }, rotationDays: 90 })]);
  expect(first.outputs.untrackedOldKeys.value).toEqual([]);

  const run = await e2e.stack.up();
  rotated = String(run.outputs.accessKey.value);
  expect(rotated).not.toBe(old);
  expect(live()).toEqual([rotated]);
  // The old key was listed before Pulumi deleted it: the stack's own, replaced, not untracked.
  expect(run.outputs.untrackedOldKeys.value).toEqual([]);
  // It was late, though, and overdueKeys says so, once (the replaced key is included on purpose).
  expect(run.outputs.overdueKeys.value).toEqual([`${old} (120 days old, rotationDays 90)`]);
});

// A key the stack never held, made 200 days ago, named in untrackedOldKeys: tests/e2e/gitops.test.ts
// ("the schedule the next day"), through the workflow's audit step.
test("the next run: nothing to report", async () => {
  const run = await e2e.stack.up();
  expect(run.outputs.accessKey.value).toBe(rotated);
  expect(run.outputs.untrackedOldKeys.value).toEqual([]);
  expect(run.outputs.overdueKeys.value).toEqual([]);
});
