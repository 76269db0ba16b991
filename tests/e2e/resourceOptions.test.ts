/**
 * Pulumi's resource options on SubAccountAccessKey, as the engine applies them: `ignoreChanges`,
 * `protect`, `retainOnDelete`.
 */
import { openE2eStack, testProgram, TYPE, type E2eStack } from "./harness";
import type { KeySpec } from "./programs/keys";

jest.setTimeout(180_000);

// One sub account per key, so each key's requests can be told apart.
const IGNORED = "4e066e50-9c3a-11e7-8a66-1e5021fa7c80";
const PROTECTED = "9a1b2c3d-0000-4000-8000-000000000002";
const RETAINED = "9a1b2c3d-0000-4000-8000-000000000003";
const DROPPED = "9a1b2c3d-0000-4000-8000-000000000004";

interface Options {
  rotation: string;
  active: boolean;
  /** Whether the program still declares the key `dropped` (retainOnDelete). */
  withDropped: boolean;
}

const keys = ({ rotation, active, withDropped }: Options): KeySpec[] => [
  { name: "ignored", subAccountId: IGNORED, rotation, active, ignoreChanges: ["keepers", "active"] },
  { name: "protected", subAccountId: PROTECTED, protect: true },
  { name: "retained", subAccountId: RETAINED, retainOnDelete: true },
  ...(withDropped ? [{ name: "dropped", subAccountId: DROPPED, retainOnDelete: true }] : []),
];

let e2e: E2eStack;
/** The access key of each resource, by name, as first created. */
const created: Record<string, string> = {};

beforeAll(async () => {
  e2e = await openE2eStack({
    program: testProgram("keys"),
    config: { keys: JSON.stringify(keys({ rotation: "1", active: true, withDropped: true })) },
    emulator: { subAccounts: [IGNORED, PROTECTED, RETAINED, DROPPED] },
  });
  const up = await e2e.stack.up();
  Object.assign(created, up.outputs.accessKeys.value);
});
afterAll(() => e2e?.close());

const live = (subAccountId: string) => e2e.emulator.state.liveKeys(subAccountId);
const inState = () => e2e.resources(TYPE.subAccountAccessKey).map((r) => r.urn.split("::").pop()).sort();
const touched = (from: number, subAccountId: string) => e2e.requestsSince(from, { withReads: true }).filter((r) => r.includes(subAccountId));

test("ignoreChanges: new keepers and active: false are ignored (no replacement, no update); removing a retainOnDelete key from the program keeps it at NCP", async () => {
  await e2e.setConfig({ keys: JSON.stringify(keys({ rotation: "2", active: false, withDropped: false })) });
  const from = e2e.emulator.requests.length;
  const up = await e2e.stack.up();
  expect(up.summary.resourceChanges).toEqual({ delete: 1, same: 4 });

  expect(touched(from, IGNORED)).toEqual([]);
  expect(live(IGNORED)).toEqual([{ accessKey: created.ignored, active: true, createTime: expect.any(String) }]);
  expect(e2e.resources(TYPE.subAccountAccessKey).find((r) => r.id === created.ignored)?.outputs).toMatchObject({ active: true, keepers: { rotation: "1" } });

  // retainOnDelete: out of state, still at NCP, and nothing was sent for it.
  expect(touched(from, DROPPED)).toEqual([]);
  expect(live(DROPPED).map((k) => k.accessKey)).toEqual([created.dropped]);
  expect(inState()).toEqual(["ignored", "protected", "retained"]);
});

test("protect: destroy is refused for the protected key, which stays at NCP and in state; the engine deletes the rest, and the retainOnDelete key only leaves state", async () => {
  const from = e2e.emulator.requests.length;
  let printed = "";
  await expect(e2e.stack.destroy({ onOutput: (text) => (printed += text) })).rejects.toThrow();
  const urn = e2e.urn(TYPE.subAccountAccessKey, "protected");
  expect(printed).toContain(`resource "${urn}" cannot be deleted`);
  expect(printed).toContain("because it is protected");
  expect(touched(from, PROTECTED)).toEqual([]);
  expect(live(PROTECTED).map((k) => k.accessKey)).toEqual([created.protected]);
  expect(inState()).toEqual(["protected"]);

  expect(live(IGNORED)).toEqual([]);
  expect(touched(from, RETAINED)).toEqual([]);
  expect(live(RETAINED).map((k) => k.accessKey)).toEqual([created.retained]);
});

test("after `pulumi state unprotect`, as the engine advises, destroy deletes the protected key too", async () => {
  const unprotect = await e2e.runCli(["state", "unprotect", e2e.urn(TYPE.subAccountAccessKey, "protected"), "--yes"]);
  expect(unprotect).toMatchObject({ code: 0 });
  await e2e.stack.destroy();
  expect(live(PROTECTED)).toEqual([]);
  expect(e2e.resources()).toEqual([]);
  // Still there: the keys the stack let go of with retainOnDelete.
  expect(live(RETAINED).map((k) => k.accessKey)).toEqual([created.retained]);
  expect(live(DROPPED).map((k) => k.accessKey)).toEqual([created.dropped]);
});
