/**
 * examples/nsml-keys on the real Pulumi engine, against the NCP emulator seeded with keys: up with
 * no config (title is optional: every key), a title, refresh after a key is added, destroy.
 */
import type { NsmlKey } from "../../../sdk/emulator";
import { plaintextUnder } from "../../../scripts/engine/stateScan";
import { example, openE2eStack, TYPE, type E2eStack } from "../harness";

jest.setTimeout(180_000);

function nsmlKey(name: string, title: string, fingerprint: string): NsmlKey {
  return { name, title, fingerprint, createTime: "2026-05-01 09:30:00", publicKey: `ssh-ed25519 AAAA${name}` };
}
const CI = "11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff:00";
const LAPTOP = "aa:bb:cc:dd:ee:ff:00:11:22:33:44:55:66:77:88:99";
const LATER = "00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:01";

let e2e: E2eStack;
beforeAll(async () => {
  e2e = await openE2eStack({ program: example("nsml-keys") });
  e2e.emulator.state.nsmlKeys.push(nsmlKey("key-1", "ci", CI), nsmlKey("key-2", "laptop", LAPTOP));
});
afterAll(() => e2e?.close());

test("up with no config lists every key", async () => {
  const result = await e2e.stack.up();
  expect(result.summary.resourceChanges).toEqual({ create: 2 });
  expect(result.outputs.fingerprints.value).toEqual([CI, LAPTOP]);
  expect(result.outputs.totalCount.value).toBe(2);
});

test("a title is a new listing: the resource is replaced and lists only that title's keys", async () => {
  await e2e.setConfig({ title: "ci" });
  const result = await e2e.stack.up();
  expect(result.summary.resourceChanges).toEqual({ replace: 1, same: 1 });
  expect(result.outputs.fingerprints.value).toEqual([CI]);
  expect(result.outputs.totalCount.value).toBe(1);
});

test("refresh reads the keys again: one added with the title since is in the state", async () => {
  e2e.emulator.state.nsmlKeys.push(nsmlKey("key-3", "ci", LATER));
  await e2e.stack.refresh();
  // The engine counts the listing as unchanged (its inputs, the title, are); its outputs are NCP's now.
  const [listing] = e2e.resources(TYPE.nsmlAuthKeys);
  expect(listing.outputs).toMatchObject({ totalCount: 2, keys: [expect.objectContaining({ fingerprint: CI }), expect.objectContaining({ fingerprint: LATER })] });
});

test("no credential reaches the state; destroy forgets the listing and leaves the keys", async () => {
  expect(plaintextUnder(e2e.backendDir, [e2e.emulator.apiKey, e2e.emulator.secretKey])).toEqual([]);
  const before = e2e.emulator.requests.length;
  const result = await e2e.stack.destroy();
  expect(result.summary.resourceChanges).toEqual({ delete: 2 });
  expect(e2e.requestsSince(before, { withReads: true })).toEqual([]);
  expect(e2e.emulator.state.nsmlKeys).toHaveLength(3);
  expect(e2e.resources()).toEqual([]);
});
