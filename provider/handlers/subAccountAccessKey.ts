import type * as pulumi from "@pulumi/pulumi";
import { checkInputs, containsUnknown, definedOnly, sameValue } from "./check";
import { ncloudClient } from "./client";
import { engineLeft, noteEngine } from "./engineLiveness";
import { deleteKeyIfPresent } from "./goneKeys";
import { noteHeldKey } from "./heldKeys";
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
  /**
   * The user's word that this stack alone creates keys on the sub account: a lost create's cleanup
   * may then delete every key that appeared meanwhile (./orphanSafeCreate, docs/orphans.md).
   */
  exclusive?: boolean;
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
  // The engine shows this process the keys the stack holds: a lost create's cleanup must never count them.
  noteHeldKey(olds.accessKey);
  const replaces: string[] = [];
  if (containsUnknown(news.subAccountId) || news.subAccountId !== olds.subAccountId) replaces.push("subAccountId");
  if (containsUnknown(news.keepers) || !sameValue(news.keepers ?? {}, olds.keepers ?? {})) replaces.push("keepers");
  // Unknown during preview: it may make the key due, so show the replacement it may cause.
  if (containsUnknown(news.rotationDays) || isDue(olds.createTime, news.rotationDays, now)) replaces.push("rotatesAt");
  const activeChanged = containsUnknown(news.active) || (news.active ?? true) !== olds.active;
  const rotationChanged = news.rotationDays !== olds.rotationDays;
  // How a lost create is cleaned up: recorded in place, nothing to send.
  const exclusiveChanged = containsUnknown(news.exclusive) || (news.exclusive ?? false) !== (olds.exclusive ?? false);
  return {
    changes: replaces.length > 0 || activeChanged || rotationChanged || exclusiveChanged,
    replaces,
    stables: replaces.length ? [] : ["accessKey", "createTime"],
  };
}

export async function create(inputs: SubAccountAccessKeyInputs): Promise<pulumi.dynamic.CreateResult<SubAccountAccessKeyOutputs>> {
  // Everything that can fail before NCP makes the key comes first: after the POST only the
  // deactivation below can fail, and it cleans up after itself.
  const client = ncloudClient();
  const active = inputs.active ?? true;
  const subAccountId = inputs.subAccountId;
  await noteEngine();
  const created = await writingKeysOf(client, subAccountId, async () => {
    const key = await withSubAccountLock(subAccountId, () => createAccessKeyWithoutOrphans(client, subAccountId, { exclusive: inputs.exclusive }));
    if (await engineLeft()) throw await deleteUnrecordable(client, subAccountId, key.accessKey);
    if (!active) await deactivateOrDelete(client, subAccountId, key.accessKey);
    return key;
  });
  return {
    id: created.accessKey,
    outs: definedOnly({
      subAccountId,
      accessKey: created.accessKey,
      keySecret: created.keySecret,
      createTime: created.createTime,
      active,
      keepers: inputs.keepers,
      rotationDays: inputs.rotationDays,
      rotatesAt: rotatesAt(created.createTime, inputs.rotationDays),
      exclusive: inputs.exclusive,
    }),
  };
}

/**
 * `active: false`: NCP creates keys active, so the new key is deactivated at once. If that fails,
 * Pulumi records nothing of this create and the key's secret is lost with it: delete the key and
 * say so; if the delete fails too, the error names the live key.
 */
async function deactivateOrDelete(client: ReturnType<typeof ncloudClient>, subAccountId: string, accessKey: string): Promise<void> {
  try {
    await client.subAccount.setAccessKeyActive(subAccountId, accessKey, false);
  } catch (error) {
    try {
      await deleteKeyIfPresent(client, subAccountId, accessKey);
    } catch (deleteError) {
      throw new Error(
        `created access key ${accessKey} on sub account ${subAccountId}, but deactivating it failed and deleting it failed too: ` +
          `${accessKey} is live and active, and no stack holds it (its secret is lost). Fix: delete ${accessKey} ` +
          `(getSubAccountAccessKeys lists it, or use the NCP console), then run \`pulumi up\` again. ` +
          `Deactivating: ${(error as Error).message} Deleting: ${(deleteError as Error).message}`,
      );
    }
    throw new Error(
      `created access key ${accessKey} on sub account ${subAccountId}, but deactivating it failed, so the key was deleted again: ` +
        `nothing is left behind. Run \`pulumi up\` again once the cause is fixed: ${(error as Error).message}`,
    );
  }
}

/**
 * The `pulumi` CLI that asked for this key was killed while NCP made it (./engineLiveness): no
 * state will ever hold the key, and its secret exists only here. Deletes it; the error is for the
 * host's log, as nobody is left to read the answer.
 */
async function deleteUnrecordable(client: ReturnType<typeof ncloudClient>, subAccountId: string, accessKey: string): Promise<Error> {
  const cause = `the Pulumi CLI that asked for access key ${accessKey} of sub account ${subAccountId} exited before it could record it`;
  try {
    await deleteKeyIfPresent(client, subAccountId, accessKey);
  } catch (error) {
    return new Error(`${cause}, and deleting the key failed (${(error as Error).message}). Fix: delete ${accessKey} (getSubAccountAccessKeys or the NCP console).`);
  }
  return new Error(`${cause}; the key was deleted. Fix: \`pulumi cancel\`, then \`pulumi refresh --clear-pending-creates\` and \`pulumi up\`.`);
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
  noteHeldKey(id);
  const keys = await listKeysForRead(ncloudClient(), props.subAccountId);
  const current = keys.find((k) => k.accessKey === id);
  if (!current) return { id: "", props: {} };
  const outs = definedOnly({ ...props, active: current.active, createTime: current.createTime, rotatesAt: rotatesAt(current.createTime, props.rotationDays) });
  const inputs = definedOnly({
    subAccountId: props.subAccountId,
    active: current.active,
    keepers: props.keepers,
    rotationDays: props.rotationDays,
    exclusive: props.exclusive,
  });
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
  noteHeldKey(accessKey);
  const current = (await listKeysForRead(ncloudClient(), subAccountId)).find((k) => k.accessKey === accessKey);
  if (!current) {
    throw new Error(`sub account ${subAccountId} has no access key ${accessKey}: list its keys with getSubAccountAccessKeys and import one of them as ${subAccountId}/<accessKey>`);
  }
  const { active, createTime } = current;
  return { id: accessKey, props: { subAccountId, accessKey, active, createTime }, inputs: { subAccountId, active } };
}

export async function update(id: string, olds: SubAccountAccessKeyOutputs, news: SubAccountAccessKeyInputs): Promise<pulumi.dynamic.UpdateResult> {
  noteHeldKey(id);
  const active = news.active ?? true;
  if (active !== olds.active) {
    const client = ncloudClient();
    await writingKeysOf(client, olds.subAccountId, () => client.subAccount.setAccessKeyActive(olds.subAccountId, id, active));
  }
  const rotationDays = news.rotationDays;
  return {
    outs: definedOnly({ ...olds, active, keepers: news.keepers, rotationDays, rotatesAt: rotatesAt(olds.createTime, rotationDays), exclusive: news.exclusive }),
  };
}

/** Deleting a key that is already gone (or whose sub account is gone) succeeds. */
export async function remove(id: string, props: SubAccountAccessKeyOutputs): Promise<void> {
  const client = ncloudClient();
  await writingKeysOf(client, props.subAccountId, () => deleteKeyIfPresent(client, props.subAccountId, id));
}
