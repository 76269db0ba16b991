/**
 * Replacing a SubAccountAccessKey that a SearchSnapshotAuthKey depends on, as the engine orders it:
 * create-before-delete by default (the service group gets the new key before the old one is
 * deleted), and delete-before-replace with `deleteBeforeReplace: true`.
 */
import { openE2eStack, testProgram, TYPE, type E2eStack } from "./harness";
import type { KeySpec } from "./programs/keys";

jest.setTimeout(180_000);

// One sub account and one service group per key, so each key's requests can be told apart.
const CREATE_FIRST = { subAccountId: "4e066e50-9c3a-11e7-8a66-1e5021fa7c80", serviceGroup: "1531843" };
const DELETE_FIRST = { subAccountId: "9a1b2c3d-0000-4000-8000-000000000002", serviceGroup: "1531844" };

const keys = (rotation: string, deleteFirstRotation = rotation): KeySpec[] => [
  { name: "create-first", rotation, ...CREATE_FIRST },
  { name: "delete-first", rotation: deleteFirstRotation, deleteBeforeReplace: true, ...DELETE_FIRST },
];

let e2e: E2eStack;
/** The emulator's requests of the rotation. */
let rotationFrom = 0;
const old: Record<string, string> = {};

beforeAll(async () => {
  e2e = await openE2eStack({
    program: testProgram("keys"),
    config: { keys: JSON.stringify(keys("1")) },
    emulator: {
      subAccounts: [CREATE_FIRST.subAccountId, DELETE_FIRST.subAccountId],
      serviceGroups: [{ serviceGroupInstanceNo: CREATE_FIRST.serviceGroup }, { serviceGroupInstanceNo: DELETE_FIRST.serviceGroup }],
    },
  });
  const up = await e2e.stack.up();
  Object.assign(old, up.outputs.accessKeys.value);
  await e2e.setConfig({ keys: JSON.stringify(keys("2")) });
  rotationFrom = e2e.emulator.requests.length;
  const rotation = await e2e.stack.up();
  expect(rotation.summary.resourceChanges).toEqual({ replace: 2, update: 2, same: 1 });
});
afterAll(() => e2e?.close());

/** The writes of the rotation that concern one key and its service group, in the order NCP got them. */
function writesFor({ subAccountId, serviceGroup }: { subAccountId: string; serviceGroup: string }): string[] {
  return e2e.requestsSince(rotationFrom).filter((r) => r.includes(`/sub-accounts/${subAccountId}/`) || r.endsWith(`/${serviceGroup}`));
}

const keysNamed = (name: string) => e2e.resources(TYPE.subAccountAccessKey).filter((r) => r.urn.endsWith(`::${name}`));

function expectRotated(name: string, { subAccountId, serviceGroup }: { subAccountId: string; serviceGroup: string }): void {
  const [key] = keysNamed(name);
  expect(key.id).not.toBe(old[name]);
  expect(e2e.emulator.state.liveKeys(subAccountId).map((k) => k.accessKey)).toEqual([key.id]);
  expect(e2e.emulator.state.serviceGroups.get(serviceGroup)?.accessKeyId).toBe(key.id);
}

test("by default: the new key is created, handed to the service group, and only then the old key deleted", () => {
  expect(writesFor(CREATE_FIRST)).toEqual([
    `POST /api/v1/sub-accounts/${CREATE_FIRST.subAccountId}/access-keys`,
    `POST /api/v2/snapshot/updateAPIAuthenticationKey/${CREATE_FIRST.serviceGroup}`,
    `DELETE /api/v1/sub-accounts/${CREATE_FIRST.subAccountId}/access-keys`,
  ]);
  expectRotated("create-first", CREATE_FIRST);
});

test("with deleteBeforeReplace: the old key is deleted first, then the new one created and handed over", () => {
  expect(writesFor(DELETE_FIRST)).toEqual([
    `DELETE /api/v1/sub-accounts/${DELETE_FIRST.subAccountId}/access-keys`,
    `POST /api/v1/sub-accounts/${DELETE_FIRST.subAccountId}/access-keys`,
    `POST /api/v2/snapshot/updateAPIAuthenticationKey/${DELETE_FIRST.serviceGroup}`,
  ]);
  expectRotated("delete-first", DELETE_FIRST);
});

test("a hand-over that fails stops the replacement: the old key stays at NCP and in state (to delete), and the next up finishes it", async () => {
  const [previous] = keysNamed("create-first");
  const group = e2e.emulator.state.serviceGroups.get(CREATE_FIRST.serviceGroup)!;
  e2e.emulator.state.serviceGroups.delete(CREATE_FIRST.serviceGroup);
  await e2e.setConfig({ keys: JSON.stringify(keys("3", "2")) });
  await expect(e2e.stack.up()).rejects.toThrow(/Service group not found/);

  const live = e2e.emulator.state.liveKeys(CREATE_FIRST.subAccountId).map((k) => k.accessKey);
  expect(live).toHaveLength(2);
  expect(live).toContain(previous.id);
  const held = keysNamed("create-first");
  expect(held.map((r) => r.id).sort()).toEqual([...live].sort());
  expect(held.find((r) => r.id === previous.id)?.delete).toBe(true);

  e2e.emulator.state.serviceGroups.set(CREATE_FIRST.serviceGroup, group);
  const fixed = await e2e.stack.up();
  const current = fixed.outputs.accessKeys.value["create-first"];
  expect(current).not.toBe(previous.id);
  expect(e2e.emulator.state.liveKeys(CREATE_FIRST.subAccountId).map((k) => k.accessKey)).toEqual([current]);
  expect(keysNamed("create-first").map((r) => r.id)).toEqual([current]);
  expect(group.accessKeyId).toBe(current);
});
