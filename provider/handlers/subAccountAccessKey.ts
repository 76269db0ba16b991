import type * as pulumi from "@pulumi/pulumi";
import { checkInputs, containsUnknown, definedOnly, sameValue } from "./check";
import { ncloudClient } from "./client";
import { deleteKeyIfPresent } from "./goneKeys";
import { createAccessKeyWithoutOrphans } from "./orphanSafeCreate";
import { isDue, rotatesAt, rotationNow } from "./rotation";
import { subAccountAccessKeyInputs } from "./schemas";
import { listKeysForRead, writingKeysOf } from "./sharedKeyLists";
import { withSubAccountLock } from "./subAccountLock";

export interface SubAccountAccessKeyInputs {
  subAccountId: string;
  active: boolean;
  keepers?: Record<string, string>;
  /** Replace the key once it is this many days old (./rotation). */
  rotationDays?: number;
}

export interface SubAccountAccessKeyOutputs extends SubAccountAccessKeyInputs {
  accessKey: string;
  keySecret: string;
  createTime: string;
  /** createTime + rotationDays, ISO 8601; absent without rotationDays. */
  rotatesAt?: string;
}

export function check(_olds: unknown, news: Record<string, unknown>): pulumi.dynamic.CheckResult {
  return checkInputs(subAccountAccessKeyInputs, news);
}

/**
 * A new sub account or new keepers need a new key (replace, create-before-delete by default, so a
 * rotation never leaves consumers without a key); so does a key `rotationDays` or more old, which
 * is how a scheduled `pulumi up` rotates keys nobody has to remember. `active` flips in place, and
 * a new `rotationDays` alone only moves `rotatesAt` unless the key is already due. `now` is the
 * rotation clock (./rotation rotationNow): a parameter, so the rule is table-testable.
 */
export function diff(_id: string, olds: SubAccountAccessKeyOutputs, news: SubAccountAccessKeyInputs, now: number = rotationNow(ncloudClient())): pulumi.dynamic.DiffResult {
  const replaces: string[] = [];
  if (containsUnknown(news.subAccountId) || news.subAccountId !== olds.subAccountId) replaces.push("subAccountId");
  if (containsUnknown(news.keepers) || !sameValue(news.keepers ?? {}, olds.keepers ?? {})) replaces.push("keepers");
  // Unknown during preview: it may make the key due, so show the replacement it may cause.
  if (containsUnknown(news.rotationDays) || isDue(olds.createTime, news.rotationDays, now)) replaces.push("rotatesAt");
  const activeChanged = containsUnknown(news.active) || (news.active ?? true) !== olds.active;
  const rotationChanged = news.rotationDays !== olds.rotationDays;
  return {
    changes: replaces.length > 0 || activeChanged || rotationChanged,
    replaces,
    stables: replaces.length ? [] : ["accessKey", "createTime"],
  };
}

export async function create(inputs: SubAccountAccessKeyInputs): Promise<pulumi.dynamic.CreateResult<SubAccountAccessKeyOutputs>> {
  const client = ncloudClient();
  const active = inputs.active ?? true;
  const created = await writingKeysOf(client, inputs.subAccountId, async () => {
    const key = await withSubAccountLock(inputs.subAccountId, () => createAccessKeyWithoutOrphans(client, inputs.subAccountId));
    if (!active) {
      try {
        await client.subAccount.setAccessKeyActive(inputs.subAccountId, key.accessKey, false);
      } catch (error) {
        // The key exists but Pulumi will not record it: remove it rather than leave it untracked.
        await client.subAccount.deleteAccessKey(inputs.subAccountId, key.accessKey).catch(() => undefined);
        throw error;
      }
    }
    return key;
  });
  return {
    id: created.accessKey,
    outs: definedOnly({
      subAccountId: inputs.subAccountId,
      accessKey: created.accessKey,
      keySecret: created.keySecret,
      createTime: created.createTime,
      active,
      keepers: inputs.keepers,
      rotationDays: inputs.rotationDays,
      rotatesAt: rotatesAt(created.createTime, inputs.rotationDays),
    }),
  };
}

/**
 * Refresh: the key as NCP has it now. A key that is gone is reported gone (the next `up` creates
 * a new one); a status changed in the console is drift. NCP never returns the secret again, so
 * `keySecret` is kept from state. Inputs are returned too, so a refresh alone shows no diff.
 * The reads of one sub account in one operation share one list (./sharedKeyLists says why that
 * is never stale).
 */
export async function read(id: string, props: SubAccountAccessKeyOutputs): Promise<pulumi.dynamic.ReadResult> {
  if (props.subAccountId === undefined) return readForImport(id);
  const keys = await listKeysForRead(ncloudClient(), props.subAccountId);
  const current = keys.find((k) => k.accessKey === id);
  if (!current) return { id: "", props: {} };
  const outs = definedOnly({ ...props, active: current.active, createTime: current.createTime, rotatesAt: rotatesAt(current.createTime, props.rotationDays) });
  const inputs = definedOnly({ subAccountId: props.subAccountId, active: current.active, keepers: props.keepers, rotationDays: props.rotationDays });
  return { id, props: outs, inputs };
}

/**
 * `pulumi import` (the provider plugin; dynamic providers cannot import, pulumi#16175) reads with
 * an id and no state. NCP lists keys only per sub account, so the import id names both:
 * `<subAccountId>/<accessKey>`; the resource's id is then the access key, as for a created key.
 * The state gets no `keySecret`: NCP shows a key's secret only in the answer that created it.
 */
export function parseImportId(id: string): { subAccountId: string; accessKey: string } {
  const [subAccountId, accessKey, ...rest] = id.split("/");
  const fix = `the import id must be <subAccountId>/<accessKey>, e.g. 4e066e50-9c3a-11e7-8a66-1e5021fa7c80/ncp_iam_BPAMKR12345678901234; got ${JSON.stringify(id)}`;
  if (accessKey === undefined || accessKey === "" || rest.length > 0) throw new Error(fix);
  const sub = subAccountAccessKeyInputs.shape.subAccountId.safeParse(subAccountId);
  if (!sub.success) throw new Error(`${fix}: ${sub.error.issues[0]?.message}`);
  return { subAccountId: sub.data, accessKey };
}

async function readForImport(id: string): Promise<pulumi.dynamic.ReadResult> {
  const { subAccountId, accessKey } = parseImportId(id);
  const current = (await listKeysForRead(ncloudClient(), subAccountId)).find((k) => k.accessKey === accessKey);
  if (!current) {
    throw new Error(`sub account ${subAccountId} has no access key ${accessKey}: list its keys with getSubAccountAccessKeys and import one of them as ${subAccountId}/<accessKey>`);
  }
  const { active, createTime } = current;
  return { id: accessKey, props: { subAccountId, accessKey, active, createTime }, inputs: { subAccountId, active } };
}

export async function update(id: string, olds: SubAccountAccessKeyOutputs, news: SubAccountAccessKeyInputs): Promise<pulumi.dynamic.UpdateResult> {
  const active = news.active ?? true;
  if (active !== olds.active) {
    const client = ncloudClient();
    await writingKeysOf(client, olds.subAccountId, () => client.subAccount.setAccessKeyActive(olds.subAccountId, id, active));
  }
  const rotationDays = news.rotationDays;
  return { outs: definedOnly({ ...olds, active, keepers: news.keepers, rotationDays, rotatesAt: rotatesAt(olds.createTime, rotationDays) }) };
}

/** Deleting a key that is already gone (or whose sub account is gone) succeeds. */
export async function remove(id: string, props: SubAccountAccessKeyOutputs): Promise<void> {
  const client = ncloudClient();
  await writingKeysOf(client, props.subAccountId, () => deleteKeyIfPresent(client, props.subAccountId, id));
}
