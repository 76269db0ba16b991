import * as pulumi from "@pulumi/pulumi";
import { dynamicProvider } from "./dynamicProvider";
import { refuseImport } from "./importRefusal";
import { withSecretOutputs } from "./options";

const provider = dynamicProvider("subAccountAccessKey");

export interface SubAccountAccessKeyArgs {
  /** The Sub Account that owns the key (its id, e.g. `4e066e50-9c3a-11e7-8a66-1e5021fa7c80`). Changing it replaces the key. */
  subAccountId: pulumi.Input<string>;
  /** Whether the key may sign API calls. Default `true`. Changing it updates the key in place. */
  active?: pulumi.Input<boolean>;
  /**
   * Arbitrary strings whose change replaces the key: put a rotation date here to rotate it.
   * Replacement is create-before-delete unless the resource has `deleteBeforeReplace: true`.
   */
  keepers?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
  /**
   * Rotate by age: once the key's `createTime` is this many whole days (1..3650) ago, the next
   * `pulumi preview`/`up` replaces it (create-before-delete, so consumers get the new key before
   * the old one is deleted). Run `pulumi up` on a schedule to rotate without anyone remembering.
   * Changing it alone only moves `rotatesAt`, unless the key is already due. Default: no rotation by age.
   */
  rotationDays?: pulumi.Input<number>;
  /**
   * Your word that this stack alone creates access keys on this sub account (no other stack,
   * pipeline or person does). Only then may the provider, after a create whose answer was lost
   * (a timeout, a 5xx, a reset), delete every key that appeared on the sub account meanwhile and
   * that no resource of this run holds; it says which it deleted. Without it, such keys are named
   * (in the error, or in the `pulumi up` output when the create succeeded) and left alone, unless
   * a count proves they are the provider's own. See docs/orphans.md. Changing it updates in place
   * and sends nothing. Default `false`.
   */
  exclusive?: pulumi.Input<boolean>;
}

/**
 * An access key of a NAVER Cloud Sub Account (`POST /api/v1/sub-accounts/{subAccountId}/access-keys`).
 *
 * NCP returns the key's secret only when the key is created; it reaches state only as a Pulumi
 * secret. Refresh notices a key deleted or deactivated outside Pulumi. An existing key cannot be
 * imported: its secret cannot be read back.
 */
export class SubAccountAccessKey extends pulumi.dynamic.Resource {
  /** The Sub Account that owns the key. */
  declare readonly subAccountId: pulumi.Output<string>;
  /** The access key id (also the resource id). */
  declare readonly accessKey: pulumi.Output<string>;
  /** The secret key. Always a Pulumi secret. */
  declare readonly keySecret: pulumi.Output<string>;
  /** Whether the key is active. */
  declare readonly active: pulumi.Output<boolean>;
  /** When NCP created the key, ISO 8601. */
  declare readonly createTime: pulumi.Output<string>;
  /** The keepers the key was created with. */
  declare readonly keepers: pulumi.Output<{ [key: string]: string } | undefined>;
  /** The rotation age in days, when set. */
  declare readonly rotationDays: pulumi.Output<number | undefined>;
  /** When the key is due for rotation (`createTime` + `rotationDays`), ISO 8601; undefined without `rotationDays`. */
  declare readonly rotatesAt: pulumi.Output<string | undefined>;
  /** Whether the stack declared it alone creates keys on the sub account; undefined when not set. */
  declare readonly exclusive: pulumi.Output<boolean | undefined>;

  constructor(name: string, args: SubAccountAccessKeyArgs, opts?: pulumi.CustomResourceOptions) {
    refuseImport(
      "SubAccountAccessKey",
      name,
      opts,
      "remove the import option and let this resource create a new key (NCP never shows an existing key's secret again), move the key's users to it, then delete the old key in the NCP console.",
    );
    super(
      provider,
      name,
      { ...args, accessKey: undefined, keySecret: undefined, createTime: undefined, rotatesAt: undefined, active: args.active, keepers: args.keepers },
      withSecretOutputs(opts, ["keySecret"]),
      "ncloud",
      "SubAccountAccessKey",
    );
  }
}
