import * as pulumi from "@pulumi/pulumi";
import { dynamicProvider } from "./dynamicProvider";
import { refuseImport } from "./importRefusal";
import { withSecretOutputs } from "./options";

const provider = dynamicProvider("searchSnapshotAuthKey");

export interface SearchSnapshotAuthKeyArgs {
  /** The Search Engine service group's instance number, e.g. `"1531843"`. Changing it replaces the resource. */
  serviceGroupInstanceNo: pulumi.Input<string>;
  /** The Object Storage access key id the service group uses for snapshots. */
  accessKeyId: pulumi.Input<string>;
  /** The secret key of `accessKeyId`. Stored only as a Pulumi secret. */
  secretKey: pulumi.Input<string>;
  /**
   * The service group's NCP region code. Public site: `KR` (`/api/v2`), `SGN` (`/api/sgn-v2`),
   * `JPN` (`/api/jpn-v2`); gov: `KR` (`/api/v2`), `KRS` (`/api/krs-v2`); fin: `FKR` (`/api/v2`).
   * Default: `ncloud:region` / `NCLOUD_REGION`, else `KR` (`FKR` on fin). Changing it, or the
   * `ncloud:region` a resource without it takes, replaces the resource.
   */
  region?: pulumi.Input<string>;
  /** After setting the key, list the snapshot buckets to prove the key reaches Object Storage. Default `true`. */
  verify?: pulumi.Input<boolean>;
}

/**
 * The Object Storage key a Search Engine service group uses for snapshots
 * (`POST {prefix}/snapshot/updateAPIAuthenticationKey/{serviceGroupInstanceNo}`).
 *
 * NCP has no call to read the key back or to unset it: refresh notices only a service group that
 * is gone, and delete forgets the resource while the service group keeps its last key.
 */
export class SearchSnapshotAuthKey extends pulumi.dynamic.Resource {
  /** The service group's instance number (also the resource id). */
  declare readonly serviceGroupInstanceNo: pulumi.Output<string>;
  /** The access key id set on the service group. */
  declare readonly accessKeyId: pulumi.Output<string>;
  /** The secret key set on the service group. Always a Pulumi secret. */
  declare readonly secretKey: pulumi.Output<string>;
  /** The NCP region code of the service group: `region`, else the stack's when the key was set. A new `ncloud:region` replaces a resource without `region`. */
  declare readonly region: pulumi.Output<string>;
  /** The NCP site the key was set on (`ncloud:site`: `public`, `gov` or `fin`). A new `ncloud:site` replaces the resource. */
  declare readonly site: pulumi.Output<string>;
  /** Whether the key was verified against Object Storage. */
  declare readonly verify: pulumi.Output<boolean>;
  /** NCP's request id of the last key update. */
  declare readonly requestId: pulumi.Output<string>;
  /** When the key was last set, ISO 8601. */
  declare readonly updatedAt: pulumi.Output<string>;

  constructor(name: string, args: SearchSnapshotAuthKeyArgs, opts?: pulumi.CustomResourceOptions) {
    refuseImport(
      "SearchSnapshotAuthKey",
      name,
      opts,
      "remove the import option: creating this resource sets the key on the service group, which is safe to do again.",
    );
    super(
      provider,
      name,
      { ...args, secretKey: pulumi.secret(args.secretKey), region: args.region, verify: args.verify, site: undefined, requestId: undefined, updatedAt: undefined },
      withSecretOutputs(opts, ["secretKey"]),
      "ncloud",
      "SearchSnapshotAuthKey",
    );
  }
}
