import type { NcloudStack } from "../host/ncloudStack";
import type { Operation, Prepared } from "./operation";

/*
 * SearchSnapshotAuthKey (a setting NCP keeps on a service group) and the two data-source
 * resources, StsCredentials and NsmlAuthKeys, which own nothing in NCP.
 */

const GROUP = "1531843";
/** Holds the two live keys the service group is given, so that `verify` (getBucketList) passes. */
const KEY_HOLDER = "search-snapshot-keys";
const KEY_A = { accessKeyId: "ncp_iam_MATRIXKEYAAAAAAAAAAAA", secretKey: "ncp_iam_matrixsecretaaaaaaaaaaaaaaaaaa" };
const KEY_B = { accessKeyId: "ncp_iam_MATRIXKEYBBBBBBBBBBBB", secretKey: "ncp_iam_matrixsecretbbbbbbbbbbbbbbbbbb" };
const SNAPSHOT = "searchSnapshotAuthKey" as const;
const SNAPSHOT_INPUTS = { serviceGroupInstanceNo: GROUP };

/** The access key id the service group holds (undefined: none), as NCP and as Pulumi's state see it. */
const groupKey = (stack: NcloudStack) => stack.emulator.state.serviceGroups.get(GROUP)?.accessKeyId ?? null;

async function existingSnapshotKey(stack: NcloudStack, name: string) {
  const created = await stack.createResource(SNAPSHOT, name, { ...SNAPSHOT_INPUTS, ...KEY_A });
  return { ...created, urn: stack.urn(SNAPSHOT, name) };
}

const STS_PATH = "/api/v1/credentials";
const NSML_PATH = "/nsml/v1/auth-keys";
/** Credentials NCP issued: temporary ones cannot be revoked, so each one should be in Pulumi's state. */
const issued = (stack: NcloudStack) => stack.emulator.state.stsIssued.map((c) => c.accessKey);
const nsmlNames = (stack: NcloudStack) => stack.emulator.state.nsmlKeys.map((k) => k.name).sort();
const listedNames = (keys: unknown) => (keys as Array<{ name: string }>).map((k) => k.name).sort();

export const otherOps = {
  "SearchSnapshotAuthKey.create": {
    kind: SNAPSHOT,
    target: { method: "POST", path: `/api/v2/snapshot/updateAPIAuthenticationKey/${GROUP}` },
    async prepare(stack): Promise<Prepared> {
      return {
        async run() {
          const { properties } = await stack.createResource(SNAPSHOT, "created", { ...SNAPSHOT_INPUTS, ...KEY_A });
          return properties.accessKeyId;
        },
        heldAfterFailure: () => null,
        carriedOut: (observed) => observed === KEY_A.accessKeyId,
        observe: () => groupKey(stack),
      };
    },
  },
  "SearchSnapshotAuthKey.update": {
    kind: SNAPSHOT,
    target: { method: "POST", path: `/api/v2/snapshot/updateAPIAuthenticationKey/${GROUP}` },
    async prepare(stack): Promise<Prepared> {
      const old = await existingSnapshotKey(stack, "rotated");
      return {
        async run() {
          const { properties } = await stack.host.update(old.id, old.urn, old.properties, { ...old.inputs, ...KEY_B });
          return properties.accessKeyId;
        },
        heldAfterFailure: () => KEY_A.accessKeyId,
        carriedOut: (observed) => observed === KEY_B.accessKeyId,
        observe: () => groupKey(stack),
      };
    },
  },
  "SearchSnapshotAuthKey.read": {
    kind: SNAPSHOT,
    target: { method: "GET", path: `/api/v2/snapshot/getBucketList/${GROUP}` },
    async prepare(stack): Promise<Prepared> {
      const old = await existingSnapshotKey(stack, "refreshed");
      return {
        async run() {
          const read = await stack.host.read(old.id, old.urn, old.properties, old.inputs);
          return read.id === "" ? null : read.properties.accessKeyId;
        },
        heldAfterFailure: () => KEY_A.accessKeyId,
        observe: () => groupKey(stack),
      };
    },
  },
  "StsCredentials.create (GET, own key)": {
    kind: "stsCredentials",
    target: { method: "GET", path: STS_PATH },
    async prepare(stack): Promise<Prepared> {
      return {
        async run() {
          const { id } = await stack.createResource("stsCredentials", "own", {});
          if (id !== stack.emulator.accessKey) throw new Error(`expected the caller's own key, got ${id}`);
          return [];
        },
        heldAfterFailure: () => [],
        observe: () => issued(stack),
      };
    },
  },
  "StsCredentials.create (POST, temporary)": {
    kind: "stsCredentials",
    target: { method: "POST", path: STS_PATH },
    async prepare(stack): Promise<Prepared> {
      return {
        async run() {
          const { id } = await stack.createResource("stsCredentials", "temporary", { durationSec: 900 });
          return [id];
        },
        heldAfterFailure: () => [],
        // The id of credentials minted on a lost response is unknown: only their number is.
        carriedOut: (observed) => (observed as string[]).length === 1,
        observe: () => issued(stack),
      };
    },
  },
  "NsmlAuthKeys.create": {
    kind: "nsmlAuthKeys",
    target: { method: "GET", path: NSML_PATH },
    async prepare(stack): Promise<Prepared> {
      const before = nsmlNames(stack);
      return {
        async run() {
          const { properties } = await stack.createResource("nsmlAuthKeys", "listed", {});
          return listedNames(properties.keys);
        },
        heldAfterFailure: () => before,
        observe: () => nsmlNames(stack),
      };
    },
  },
  "NsmlAuthKeys.read": {
    kind: "nsmlAuthKeys",
    target: { method: "GET", path: NSML_PATH },
    async prepare(stack): Promise<Prepared> {
      const before = nsmlNames(stack);
      const listed = await stack.createResource("nsmlAuthKeys", "refreshed", {});
      const u = stack.urn("nsmlAuthKeys", "refreshed");
      return {
        async run() {
          const read = await stack.host.read(listed.id, u, listed.properties, listed.inputs);
          return listedNames(read.properties.keys);
        },
        heldAfterFailure: () => before,
        observe: () => nsmlNames(stack),
      };
    },
  },
} satisfies Record<string, Operation>;

/** Seeds what these operations need: the snapshot keys, two NSML keys; resets it between rows. */
export function resetOthers(stack: NcloudStack): void {
  const { state } = stack.emulator;
  state.addSubAccount(KEY_HOLDER);
  const holder = state.subAccounts.get(KEY_HOLDER)!.keys;
  for (const key of [KEY_A, KEY_B]) {
    holder.set(key.accessKeyId, { accessKey: key.accessKeyId, keySecret: key.secretKey, active: true, createTime: "2026-01-01T00:00:00.000Z" });
  }
  state.addServiceGroup(GROUP, "KR");
  state.stsIssued.length = 0;
  state.nsmlKeys.length = 0;
  for (const [name, title] of [["0123456789abcdef0123456789abcdef", "laptop"], ["fedcba9876543210fedcba9876543210", "ci"]]) {
    state.nsmlKeys.push({ name, title, fingerprint: "00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff", createTime: "2026-01-01 09:00:00", publicKey: "ssh-ed25519 AAAA" });
  }
}
