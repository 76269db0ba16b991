/**
 * `pulumi refresh` after changes made behind Pulumi's back, for every resource kind, as far as NCP
 * lets each be read; then `up` puts back what the program says.
 */
import type { RefreshResult } from "@pulumi/pulumi/automation";
import { openE2eStack, testProgram, type E2eStack, type StateResource } from "./harness";

jest.setTimeout(180_000);

const SUB_ACCOUNT = "4e066e50-9c3a-11e7-8a66-1e5021fa7c80";
const OTHER_SUB_ACCOUNT = "9a1b2c3d-0000-4000-8000-000000000002";
const REKEYED_GROUP = "1531843";
const REMOVED_GROUP = "1531844";

let e2e: E2eStack;
/** The state before anything changed behind Pulumi's back. */
let before: StateResource[] = [];
/** The emulator's requests before the refresh. */
let refreshFrom = 0;
let refresh: RefreshResult;

/** A resource's outputs with each secret as "[secret]": the engine encrypts it afresh at every write. */
function outputsOf(resource: StateResource | undefined): Record<string, unknown> {
  const isSecret = (value: unknown) => typeof value === "object" && value !== null && "ciphertext" in value;
  return Object.fromEntries(Object.entries(resource?.outputs ?? {}).map(([key, value]) => [key, isSecret(value) ? "[secret]" : value]));
}

const named = (name: string, resources: StateResource[] = e2e.resources()) => resources.find((r) => r.urn.endsWith(`::${name}`));
const live = (subAccountId: string) => e2e.emulator.state.liveKeys(subAccountId);

beforeAll(async () => {
  e2e = await openE2eStack({
    program: testProgram("every-kind"),
    config: { subAccountId: SUB_ACCOUNT, otherSubAccountId: OTHER_SUB_ACCOUNT, rekeyedGroup: REKEYED_GROUP, removedGroup: REMOVED_GROUP },
    emulator: { subAccounts: [SUB_ACCOUNT, OTHER_SUB_ACCOUNT], serviceGroups: [{ serviceGroupInstanceNo: REKEYED_GROUP }, { serviceGroupInstanceNo: REMOVED_GROUP }] },
    readsOutputs: false, // it compares the state and the emulator
  });
  e2e.emulator.state.nsmlKeys.push({ name: "key-1", title: "ci", fingerprint: "11:22", createTime: "2026-05-01 09:30:00", publicKey: "ssh-ed25519 AAAA1" });
  const up = await e2e.stack.up();
  expect(up.summary.resourceChanges).toEqual({ create: 9 });
  before = e2e.resources();

  // Behind Pulumi's back, in the console:
  const keys = e2e.emulator.state.subAccounts.get(SUB_ACCOUNT)!.keys;
  keys.get(named("deactivated", before)!.id!)!.active = false;
  keys.delete(named("deleted", before)!.id!);
  Object.assign(e2e.emulator.state.serviceGroups.get(REKEYED_GROUP)!, { accessKeyId: "NCPSOMEONEELSESKEY01", secretKey: "someone-else's-secret" });
  e2e.emulator.state.serviceGroups.delete(REMOVED_GROUP);
  e2e.emulator.state.nsmlKeys.push({ name: "key-2", title: "ci", fingerprint: "33:44", createTime: "2026-05-02 09:30:00", publicKey: "ssh-ed25519 AAAA2" });

  refreshFrom = e2e.emulator.requests.length;
  refresh = await e2e.stack.refresh();
});
afterAll(() => e2e?.close());

test("refresh reports the deactivated key as updated and the deleted key and the removed group as deleted", () => {
  expect(refresh.summary.resourceChanges).toEqual({ update: 1, delete: 2, same: 6 });
  expect(refresh.stdout).toMatch(/SubAccountAccessKey deactivated updated .*\[diff: ~active\]/);
});

test("SubAccountAccessKey: a key deactivated in the console is inactive in state, inputs included", () => {
  const key = named("deactivated")!;
  expect(key.id).toBe(named("deactivated", before)!.id);
  expect(key.outputs).toMatchObject({ active: false });
  expect(key.inputs).toMatchObject({ active: false });
});

test("SubAccountAccessKey: a key deleted in the console leaves the state", () => {
  expect(named("deleted", before)).toBeDefined();
  expect(named("deleted")).toBeUndefined();
});

test("SearchSnapshotAuthKey: a service group that is gone leaves the state", () => {
  expect(named("removed", before)).toBeDefined();
  expect(named("removed")).toBeUndefined();
});

test("SearchSnapshotAuthKey: a key changed on the group cannot be seen (NCP has no call that reads it back), so the state keeps its own", () => {
  expect(e2e.requestsSince(refreshFrom, { withReads: true })).toContain(`GET /api/v2/snapshot/getBucketList/${REKEYED_GROUP}`);
  expect(outputsOf(named("rekeyed"))).toEqual(outputsOf(named("rekeyed", before)));
});

test("StsCredentials: temporary credentials are kept from state (a second POST would mint new ones); the caller's are read again", () => {
  const sent = e2e.requestsSince(refreshFrom, { withReads: true });
  expect(sent).not.toContain("POST /api/v1/credentials");
  expect(sent.filter((r) => r === "GET /api/v1/credentials")).toHaveLength(1);
  expect(e2e.emulator.state.stsIssued).toHaveLength(1);
  expect(outputsOf(named("temporary"))).toEqual(outputsOf(named("temporary", before)));
  expect(named("caller")!.outputs).toMatchObject({ accessKey: e2e.emulator.accessKey });
});

test("NsmlAuthKeys: the listing is read again and holds the key added since", () => {
  expect(named("nsml", before)!.outputs).toMatchObject({ totalCount: 1 });
  expect(named("nsml")!.outputs).toMatchObject({ totalCount: 2, keys: [expect.objectContaining({ fingerprint: "11:22" }), expect.objectContaining({ fingerprint: "33:44" })] });
});

test("the next up puts back what the program says: the deleted key is created again and the deactivated one activated", async () => {
  // The service group is gone for good: the program no longer names it.
  await e2e.setConfig({ removedGroup: "" });
  const from = e2e.emulator.requests.length;
  const up = await e2e.stack.up();
  expect(up.summary.resourceChanges).toMatchObject({ create: 1, update: 1 });
  expect(e2e.requestsSince(from)).toEqual(expect.arrayContaining([`POST /api/v1/sub-accounts/${SUB_ACCOUNT}/access-keys`, `PUT /api/v1/sub-accounts/${SUB_ACCOUNT}/access-keys`]));
  const deactivated = named("deactivated")!;
  expect(live(SUB_ACCOUNT)).toEqual(
    expect.arrayContaining([
      { accessKey: deactivated.id, active: true, createTime: expect.any(String) },
      { accessKey: named("deleted")!.id, active: true, createTime: expect.any(String) },
    ]),
  );
  expect(live(SUB_ACCOUNT)).toHaveLength(2);
});
