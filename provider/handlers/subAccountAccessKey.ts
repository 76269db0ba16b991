import type * as pulumi from "@pulumi/pulumi";
import { NcloudError } from "../../sdk";
import { checkInputs, containsUnknown, definedOnly, sameValue } from "./check";
import { ncloudClient } from "./client";
import { createAccessKeyWithoutOrphans } from "./orphanSafeCreate";
import { subAccountAccessKeyInputs } from "./schemas";
import { withSubAccountLock } from "./subAccountLock";

export interface SubAccountAccessKeyInputs {
  subAccountId: string;
  active: boolean;
  keepers?: Record<string, string>;
}

export interface SubAccountAccessKeyOutputs extends SubAccountAccessKeyInputs {
  accessKey: string;
  keySecret: string;
  createTime: string;
}

export function check(_olds: unknown, news: Record<string, unknown>): pulumi.dynamic.CheckResult {
  return checkInputs(subAccountAccessKeyInputs, news);
}

/**
 * A new sub account or new keepers need a new key (replace, create-before-delete by default, so a
 * rotation never leaves consumers without a key); `active` flips in place.
 */
export function diff(_id: string, olds: SubAccountAccessKeyOutputs, news: SubAccountAccessKeyInputs): pulumi.dynamic.DiffResult {
  const replaces: string[] = [];
  if (containsUnknown(news.subAccountId) || news.subAccountId !== olds.subAccountId) replaces.push("subAccountId");
  if (containsUnknown(news.keepers) || !sameValue(news.keepers ?? {}, olds.keepers ?? {})) replaces.push("keepers");
  const activeChanged = containsUnknown(news.active) || (news.active ?? true) !== olds.active;
  return { changes: replaces.length > 0 || activeChanged, replaces, stables: replaces.length ? [] : ["accessKey", "createTime"] };
}

export async function create(inputs: SubAccountAccessKeyInputs): Promise<pulumi.dynamic.CreateResult<SubAccountAccessKeyOutputs>> {
  const client = ncloudClient();
  const active = inputs.active ?? true;
  const created = await withSubAccountLock(inputs.subAccountId, () => createAccessKeyWithoutOrphans(client, inputs.subAccountId));
  if (!active) {
    try {
      await client.subAccount.setAccessKeyActive(inputs.subAccountId, created.accessKey, false);
    } catch (error) {
      // The key exists but Pulumi will not record it: remove it rather than leave it untracked.
      await client.subAccount.deleteAccessKey(inputs.subAccountId, created.accessKey).catch(() => undefined);
      throw error;
    }
  }
  return {
    id: created.accessKey,
    outs: definedOnly({
      subAccountId: inputs.subAccountId,
      accessKey: created.accessKey,
      keySecret: created.keySecret,
      createTime: created.createTime,
      active,
      keepers: inputs.keepers,
    }),
  };
}

/**
 * Refresh: the key as NCP has it now. A key that is gone is reported gone (the next `up` creates
 * a new one); a status changed in the console is drift. NCP never returns the secret again, so
 * `keySecret` is kept from state. Inputs are returned too, so a refresh alone shows no diff.
 */
export async function read(id: string, props: SubAccountAccessKeyOutputs): Promise<pulumi.dynamic.ReadResult> {
  const keys = await ncloudClient()
    .subAccount.listAccessKeys(props.subAccountId)
    .catch((error: unknown) => {
      if (isGone(error)) return [];
      throw error;
    });
  const current = keys.find((k) => k.accessKey === id);
  if (!current) return { id: "", props: {} };
  const outs = { ...props, active: current.active, createTime: current.createTime };
  return { id, props: outs, inputs: definedOnly({ subAccountId: props.subAccountId, active: current.active, keepers: props.keepers }) };
}

export async function update(id: string, olds: SubAccountAccessKeyOutputs, news: SubAccountAccessKeyInputs): Promise<pulumi.dynamic.UpdateResult> {
  const active = news.active ?? true;
  if (active !== olds.active) await ncloudClient().subAccount.setAccessKeyActive(olds.subAccountId, id, active);
  return { outs: definedOnly({ ...olds, active, keepers: news.keepers }) };
}

/** Deleting a key that is already gone (or whose sub account is gone) succeeds. */
export async function remove(id: string, props: SubAccountAccessKeyOutputs): Promise<void> {
  try {
    await ncloudClient().subAccount.deleteAccessKey(props.subAccountId, id);
  } catch (error) {
    if (!isGone(error)) throw error;
  }
}

/**
 * NCP's answers for a key that is not there: 400/904 (no such access key) and code 30 (no such
 * sub account), which NCP documents as 404 on POST, 401 on PUT
 * (https://api.ncloud-docs.com/docs/en/management-subaccount-suspendkey) and 401 on DELETE (the gov
 * delete page). A 401 with code 30 is not the gateway's 401/200 for bad keys: the code tells them apart.
 */
function isGone(error: unknown): boolean {
  if (!(error instanceof NcloudError)) return false;
  return (error.status === 400 && error.code === "904") || ((error.status === 401 || error.status === 404) && error.code === "30");
}
