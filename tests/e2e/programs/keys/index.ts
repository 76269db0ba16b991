/**
 * Test-only program: the keys the config `keys` describes (a JSON array of KeySpec), so one program
 * serves replacement, resource options, --target and parallelism cases. Each key may be handed to
 * a service group, as examples/key-rotation does, and may carry resource options.
 */
import * as pulumi from "@pulumi/pulumi";
import * as ncloud from "pulumi-ncloud-keys";

export interface KeySpec {
  /** The resource name (of the key, and of its SearchSnapshotAuthKey). */
  name: string;
  subAccountId: string;
  /** Goes into `keepers`: a new value replaces the key. */
  rotation?: string;
  active?: boolean;
  /** Hands the key to this service group (a dependent SearchSnapshotAuthKey). */
  serviceGroup?: string;
  protect?: boolean;
  retainOnDelete?: boolean;
  deleteBeforeReplace?: boolean;
  ignoreChanges?: string[];
  /** The `import` resource option: adopt this existing access key. */
  import?: string;
}

const specs = new pulumi.Config().requireObject<KeySpec[]>("keys");

const accessKeys: Record<string, pulumi.Output<string>> = {};
const keySecrets: Record<string, pulumi.Output<string>> = {};
for (const spec of specs) {
  const key = new ncloud.SubAccountAccessKey(
    spec.name,
    { subAccountId: spec.subAccountId, active: spec.active, keepers: spec.rotation === undefined ? undefined : { rotation: spec.rotation } },
    { protect: spec.protect, retainOnDelete: spec.retainOnDelete, deleteBeforeReplace: spec.deleteBeforeReplace, ignoreChanges: spec.ignoreChanges, import: spec.import },
  );
  accessKeys[spec.name] = key.accessKey;
  keySecrets[spec.name] = key.keySecret;
  if (spec.serviceGroup !== undefined) {
    new ncloud.SearchSnapshotAuthKey(spec.name, { serviceGroupInstanceNo: spec.serviceGroup, accessKeyId: key.accessKey, secretKey: key.keySecret });
  }
}

export { accessKeys, keySecrets };
