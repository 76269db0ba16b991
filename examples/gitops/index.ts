import * as pulumi from "@pulumi/pulumi";
import * as ncloud from "pulumi-ncloud-keys";

// Every key but subAccountId and serviceGroupInstanceNo has its default in Pulumi.yaml; the CLI
// hands defaults to the program like set values.
const config = new pulumi.Config();
const subAccountId = config.require("subAccountId");
const rotationDays = config.requireNumber("rotationDays");

// The key rotates by age: once it is `rotationDays` old, the next `pulumi up` (the workflow's
// daily schedule, the operator's resync) replaces it. Changing `rotation` rotates it at once.
// Replacement is create-before-delete: the new key exists and is set on the service group below
// before the old key is deleted, so snapshots never run with a dead key.
const key = new ncloud.SubAccountAccessKey("search-snapshots", {
  subAccountId,
  keepers: { rotation: config.require("rotation") },
  rotationDays,
});

// The service group's Object Storage key follows the access key; `verify` proves it works.
new ncloud.SearchSnapshotAuthKey("search-snapshots", {
  serviceGroupInstanceNo: config.require("serviceGroupInstanceNo"),
  accessKeyId: key.accessKey,
  secretKey: key.keySecret,
});

// The audit: keys of the sub account that this stack does not hold. It waits for this stack's key,
// so the preview of a new stack, whose key is not made yet (its accessKey is unknown), sends nothing
// to NCP.
const maxKeyAgeDays = config.requireNumber("maxKeyAgeDays");
const keyInPlace = pulumi.all([key.subAccountId, key.accessKey]).apply(([subAccountId]) => subAccountId);
const audit = ncloud.getSubAccountAccessKeysOutput({ subAccountId: keyInPlace });

// A rotation deletes the key it replaces at the very end of the run, after the program has listed
// the keys: the listing still holds it, and it is old (that is why it rotates). It is the stack's
// own key, not an untracked one: the key this stack held when its last run ended, which its own
// state, read back with a StackReference, still names (the outputs change only once this run ends).
// Should that delete fail, the run fails, and the next run's audit names the key if it is still there.
const lastRun = new pulumi.StackReference("last-run", { name: `${pulumi.getOrganization()}/${pulumi.getProject()}/${pulumi.getStack()}` });
const heldBefore = lastRun.getOutput("accessKey");

// A run on schedule replaces a key within a day of its rotation date, give or take the scheduler's
// delays (GitHub's run hours late at times). A key found two days or more past that date was not
// rotated when it came due: runs were missed (a dropped or disabled schedule) or failed.
const overdueAfterDays = rotationDays + 2;

export const accessKey = key.accessKey;
/** A Pulumi secret: `pulumi stack output keySecret --show-secrets` to read it. */
export const keySecret = key.keySecret;
/** When the key is due for rotation by age (ISO 8601). Stale state shows a date in the past: check-rotation.sh. */
export const rotatesAt = key.rotatesAt;
/**
 * Keys older than `maxKeyAgeDays` that this stack does not hold (made by hand, leftovers of a lost
 * create): neither its key nor the one it held before this run, which a rotation is deleting.
 */
export const untrackedOldKeys = pulumi
  .all([audit.keys, key.accessKey, heldBefore])
  .apply(([keys, held, replaced]) =>
    keys.filter((k) => k.accessKey !== held && k.accessKey !== replaced && k.ageDays >= maxKeyAgeDays).map((k) => `${k.accessKey} (${k.ageDays} days)`),
  );
/** Keys, the stack's own included, that this run found two days or more past their rotation date. */
export const overdueKeys = audit.keys.apply((keys) =>
  keys.filter((k) => k.ageDays >= overdueAfterDays).map((k) => `${k.accessKey} (${k.ageDays} days old, rotationDays ${rotationDays})`),
);
