import { NcloudError, type CreatedAccessKey, type NcloudClient } from "../../sdk";

/** How many times a create whose response was lost is cleaned up and tried again. */
export const CREATE_ATTEMPTS = 3;

/**
 * Creates an access key so that a lost response never leaves an untracked live key behind.
 *
 * NCP shows a key's secret only in the create response. If that response is lost (timeout, reset,
 * a 5xx after the backend committed), the key may exist but Pulumi can never learn its secret, so
 * it must not survive: list the sub account's keys, delete every key that was not there before the
 * attempt, then try again. Callers hold the per-sub-account lock, so no sibling create runs between
 * the two listings.
 */
export async function createAccessKeyWithoutOrphans(client: NcloudClient, subAccountId: string): Promise<CreatedAccessKey> {
  for (let attempt = 1; ; attempt++) {
    const before = new Set((await client.subAccount.listAccessKeys(subAccountId)).map((k) => k.accessKey));
    try {
      return await client.subAccount.createAccessKey(subAccountId);
    } catch (error) {
      if (!(error instanceof NcloudError && error.outcomeUnknown)) throw await explainCreateFailure(client, subAccountId, error);
      const removed = await deleteKeysNotIn(client, subAccountId, before, error);
      if (attempt >= CREATE_ATTEMPTS) {
        throw new Error(
          `creating an access key for sub account ${subAccountId} lost its response ${attempt} times (${error.message}). ` +
            `Cleaned up: ${removed.length ? removed.join(", ") + " deleted" : "no key had been created"}; nothing is left behind. ` +
            `Fix: check the network path to NCP (or NCLOUD_API_URL), then run \`pulumi up\` again.`,
        );
      }
    }
  }
}

async function deleteKeysNotIn(client: NcloudClient, subAccountId: string, before: Set<string>, cause: NcloudError): Promise<string[]> {
  let after;
  try {
    after = await client.subAccount.listAccessKeys(subAccountId);
  } catch (listError) {
    throw new Error(
      `creating an access key for sub account ${subAccountId} lost its response (${cause.message}), and listing the sub account's keys ` +
        `to clean up failed too (${(listError as Error).message}). Fix: in the NCP console, delete any access key of this sub account ` +
        `that Pulumi's state does not hold, then run \`pulumi up\` again.`,
    );
  }
  const orphans = after.filter((k) => !before.has(k.accessKey)).map((k) => k.accessKey);
  for (const accessKey of orphans) await client.subAccount.deleteAccessKey(subAccountId, accessKey);
  return orphans;
}

/** A 409/9012 names how many keys the sub account holds and what to do about it. */
async function explainCreateFailure(client: NcloudClient, subAccountId: string, error: unknown): Promise<unknown> {
  if (!(error instanceof NcloudError && error.status === 409 && error.code === "9012")) return error;
  const keys = await client.subAccount.listAccessKeys(subAccountId).catch(() => undefined);
  if (!keys) return error;
  const active = keys.filter((k) => k.active);
  return new Error(
    `sub account ${subAccountId} already has ${active.length} active access keys (${keys.length} in all: ` +
      `${keys.map((k) => `${k.accessKey} ${k.active ? "active" : "inactive"}`).join(", ")}), the most NCP allows. ` +
      `Fix: delete or deactivate one of them (a SubAccountAccessKey with active: false, or the console), ` +
      `or rotate with deleteBeforeReplace: true so the old key is deleted before the new one is created.`,
  );
}
