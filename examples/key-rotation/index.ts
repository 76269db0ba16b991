import * as pulumi from "@pulumi/pulumi";
import * as ncloud from "pulumi-ncloud-keys";

const config = new pulumi.Config();
const subAccountId = config.require("subAccountId");

// The key rotates by age: once it is `rotationDays` old, the next `pulumi up` (a daily schedule,
// see examples/gitops) replaces it. Changing `rotation` (`pulumi config set rotation 2026-07`)
// rotates it at once. Replacement is create-before-delete: the new key exists and is set on the
// service group below before the old key is deleted, so snapshots never run with a dead key.
const key = new ncloud.SubAccountAccessKey("search-snapshots", {
  subAccountId,
  keepers: { rotation: config.require("rotation") },
  rotationDays: config.getNumber("rotationDays"),
});

// The service group's Object Storage key follows the access key; `verify` proves it works.
new ncloud.SearchSnapshotAuthKey("search-snapshots", {
  serviceGroupInstanceNo: config.require("serviceGroupInstanceNo"),
  accessKeyId: key.accessKey,
  secretKey: key.keySecret,
});

// The audit: keys of the sub account that this stack does not hold and that are older than
// `maxKeyAgeDays` (leftovers, or keys made by hand). A pipeline fails when this is not empty.
// It waits for this stack's key, so the preview of a new stack, whose key is not made yet (its
// accessKey is unknown), sends nothing to NCP.
const maxKeyAgeDays = config.getNumber("maxKeyAgeDays") ?? 100;
const keyInPlace = pulumi.all([key.subAccountId, key.accessKey]).apply(([subAccountId]) => subAccountId);
const audit = ncloud.getSubAccountAccessKeysOutput({ subAccountId: keyInPlace });

export const accessKey = key.accessKey;
/** A Pulumi secret: `pulumi stack output keySecret --show-secrets` to read it. */
export const keySecret = key.keySecret;
/** When the key is due for rotation by age. */
export const rotatesAt = key.rotatesAt.apply((at) => at ?? "never (rotationDays not set)");
export const untrackedOldKeys = pulumi
  .all([audit.keys, key.accessKey])
  .apply(([keys, held]) => keys.filter((k) => k.accessKey !== held && k.ageDays >= maxKeyAgeDays).map((k) => `${k.accessKey} (${k.ageDays} days)`));
