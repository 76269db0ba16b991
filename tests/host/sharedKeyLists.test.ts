import { startNcloudStack, type NcloudStack } from "./ncloudStack";
import type { WireObject } from "./providerHost";

/*
 * SubAccountAccessKey reads share one list per sub account within one operation
 * (provider/handlers/sharedKeyLists.ts), through the real dynamic-provider host. One host stands
 * for one engine operation here; each test uses sub accounts of its own, so no test sees another's
 * lists. Requests are counted at the emulator. tests/e2e/refreshScale.test.ts does the same
 * through `pulumi refresh`, where each operation is a new plugin process.
 */

const KIND = "subAccountAccessKey" as const;
const subs = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
const CONCURRENT = subs("concurrent", 8);
const SEQUENTIAL = subs("sequential", 3);
const WRITES = ["after-create", "after-update", "after-delete", "orphan-check", "failed-list", "gone-sub"];

let stack: NcloudStack;
beforeAll(async () => {
  // A short timeout: a lost create's cleanup gives NCP one more timeout before its last look. A
  // short backoff: a failed list is retried, and how long a retry waits is not what is judged here.
  const config = { "ncloud:timeoutMs": "1000", "ncloud:retryBaseMs": "1" };
  stack = await startNcloudStack({ subAccounts: [...CONCURRENT, ...SEQUENTIAL, ...WRITES], maxActiveKeys: 5 }, config);
});
afterAll(() => stack.close());
afterEach(() => stack.emulator.faults.clear());

type Key = { id: string; name: string; properties: WireObject; inputs: WireObject };

async function newKey(subAccountId: string, name: string, inputs: Record<string, unknown> = {}): Promise<Key> {
  return { name, ...(await stack.createResource(KIND, name, { subAccountId, ...inputs })) };
}

function read(key: Key) {
  return stack.host.read(key.id, stack.urn(KIND, key.name), key.properties, key.inputs);
}

/** GET requests for the sub account's key list the emulator has seen so far. */
function lists(subAccountId: string): number {
  const path = `/api/v1/sub-accounts/${subAccountId}/access-keys`;
  return stack.emulator.requests.filter((r) => r.method === "GET" && r.path === path).length;
}

test("40 concurrent reads of keys over 8 sub accounts send one list per sub account", async () => {
  const keys: Key[] = [];
  for (const sub of CONCURRENT) for (let k = 0; k < 5; k++) keys.push(await newKey(sub, `${sub}-key-${k}`));
  expect(CONCURRENT.map(lists)).toEqual(CONCURRENT.map(() => 0));

  const reads = await Promise.all(keys.map(read));

  expect(reads.map((r) => r.id)).toEqual(keys.map((k) => k.id));
  expect(reads.every((r) => r.properties.active === true)).toBe(true);
  expect(CONCURRENT.map(lists)).toEqual(CONCURRENT.map(() => 1));
});

test("reads one after another (as with -p 1) share the list too", async () => {
  const keys: Key[] = [];
  for (const sub of SEQUENTIAL) for (let k = 0; k < 3; k++) keys.push(await newKey(sub, `${sub}-key-${k}`));
  for (const key of keys) expect((await read(key)).id).toBe(key.id);
  expect(SEQUENTIAL.map(lists)).toEqual([1, 1, 1]);
});

test("a create drops the list: a read after it finds the new key", async () => {
  const first = await newKey("after-create", "first");
  await read(first);
  const second = await newKey("after-create", "second");
  expect((await read(second)).id).toBe(second.id);
  expect((await read(first)).id).toBe(first.id);
  expect(lists("after-create")).toBe(2);
});

test("an update drops the list: a read after it sees the key inactive", async () => {
  const key = await newKey("after-update", "toggled");
  expect((await read(key)).properties.active).toBe(true);
  const { properties } = await stack.host.update(key.id, stack.urn(KIND, key.name), key.properties, { ...key.inputs, active: false });
  const after = await read({ ...key, properties });
  expect(after.properties.active).toBe(false);
  expect(lists("after-update")).toBe(2);
});

test("a delete drops the list: a read after it reports the key gone", async () => {
  const key = await newKey("after-delete", "deleted");
  expect((await read(key)).id).toBe(key.id);
  await stack.host.delete(key.id, stack.urn(KIND, key.name), key.properties);
  expect((await read(key)).id).toBe("");
  expect(lists("after-delete")).toBe(2);
});

test("a create whose answer is lost lists afresh for its orphan check, never from a read's list", async () => {
  const held = await newKey("orphan-check", "held");
  await read(held);
  stack.emulator.faults.add({ method: "POST", path: "/api/v1/sub-accounts/orphan-check/access-keys", kind: "commitThenDrop", times: 1 });
  // exclusive: the stack's word that it alone creates keys here, so the cleanup may delete what it finds.
  const created = await newKey("orphan-check", "after-lost-answer", { exclusive: true });
  // The key NCP made for the lost POST was found (a list taken fresh: the read's list, kept from
  // before the POST, does not hold it) and deleted: only the keys Pulumi records are left.
  const live = stack.emulator.state.liveKeys("orphan-check").map((k) => k.accessKey);
  expect(live.sort()).toEqual([held.id, created.id].sort());
  expect(lists("orphan-check")).toBeGreaterThanOrEqual(2);
});

test("a failed list is not kept: the next read asks NCP again", async () => {
  const key = await newKey("failed-list", "unlucky");
  stack.emulator.faults.add({ method: "GET", path: "/api/v1/sub-accounts/failed-list/access-keys", kind: "malformed" });
  await expect(read(key)).rejects.toThrow();
  const failed = lists("failed-list");
  stack.emulator.faults.clear();
  expect((await read(key)).id).toBe(key.id);
  expect(lists("failed-list")).toBe(failed + 1);
});

test("a sub account deleted outside Pulumi is one list for all its keys, each reported gone", async () => {
  const keys = [await newKey("gone-sub", "a"), await newKey("gone-sub", "b"), await newKey("gone-sub", "c")];
  stack.emulator.state.subAccounts.delete("gone-sub");
  const reads = [...(await Promise.all(keys.slice(0, 2).map(read))), await read(keys[2])];
  expect(reads.map((r) => r.id)).toEqual(["", "", ""]);
  expect(lists("gone-sub")).toBe(1);
});
