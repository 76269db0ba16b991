import * as pulumi from "@pulumi/pulumi";
import { auditSubAccountKeys, type AuditedAccessKey } from "./handlers/keyAudit";
import { programClient } from "./programClient";

export interface GetSubAccountAccessKeysArgs {
  /** The Sub Account whose keys to list (its id, e.g. `4e066e50-9c3a-11e7-8a66-1e5021fa7c80`). */
  subAccountId: string;
}

export interface GetSubAccountAccessKeysOutputArgs {
  subAccountId: pulumi.Input<string>;
}

export interface GetSubAccountAccessKeysResult {
  /** The sub account listed. */
  readonly subAccountId: string;
  /**
   * Every access key of the sub account, oldest first: `accessKey`, `active`, `createTime`
   * (ISO 8601, NCP's clock) and `ageDays` (whole days, NCP's clock). Never a secret: NCP shows a
   * key's secret only when it is created.
   */
  readonly keys: AuditedAccessKey[];
  /** How many keys are active (NCP allows at most 2 per sub account). */
  readonly activeCount: number;
}

/**
 * Lists every access key of a sub account with its age, on every program run
 * (`GET /api/v1/sub-accounts/{subAccountId}/access-keys`): an audit that finds keys Pulumi does
 * not hold (compare with your SubAccountAccessKey resources' `accessKey`) and keys too old.
 */
export function getSubAccountAccessKeys(args: GetSubAccountAccessKeysArgs, _opts?: pulumi.InvokeOptions): Promise<GetSubAccountAccessKeysResult> {
  return auditSubAccountKeys(programClient(), args.subAccountId);
}

/** {@link getSubAccountAccessKeys} for arguments that are Outputs. */
export function getSubAccountAccessKeysOutput(args: GetSubAccountAccessKeysOutputArgs, opts?: pulumi.InvokeOptions): pulumi.Output<GetSubAccountAccessKeysResult> {
  return pulumi.output(args).apply((resolved) => getSubAccountAccessKeys(resolved, opts));
}
