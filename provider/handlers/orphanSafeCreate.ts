import { NcloudError, type CreatedAccessKey, type NcloudClient } from "../../sdk";

/** How many times a create whose response was lost is cleaned up and tried again. */
export const CREATE_ATTEMPTS = 3;

/**
 * Creates an access key so that a lost response never leaves an untracked live key behind.
 *
 * NCP shows a key's secret only in the create response. If that response is lost (timeout, reset,
 * a 5xx after the backend committed), the key may exist but Pulumi can never learn its secret, so
 * it must not survive: list the sub account's keys, delete every key that was not there before the
 * first attempt, then try again. Callers hold the per-sub-account lock, so no sibling create runs
 * meanwhile. A request that timed out may still be running at NCP and commit later, after that
 * cleanup: so once a create succeeds after a timeout, wait one more timeout and sweep again.
 */
export async function createAccessKeyWithoutOrphans(client: NcloudClient, subAccountId: string): Promise<CreatedAccessKey> {
  const before = new Set((await client.subAccount.listAccessKeys(subAccountId)).map((k) => k.accessKey));
  let timedOut = false;
  for (let attempt = 1; ; attempt++) {
    try {
      const created = await client.subAccount.createAccessKey(subAccountId);
      if (timedOut) await sweepLateCommits(client, subAccountId, new Set([...before, created.accessKey]));
      return created;
    } catch (error) {
      if (!(error instanceof NcloudError && error.outcomeUnknown)) throw await explainCreateFailure(client, subAccountId, error);
      timedOut ||= isTimeout(error);
      const removed = await deleteKeysNotIn(client, subAccountId, before, error);
      if (attempt >= CREATE_ATTEMPTS) {
        throw new Error(
          `creating an access key for sub account ${subAccountId} lost its response ${attempt} times (${error.message}). ` +
            `Cleaned up: ${removed.length ? removed.join(", ") + " deleted" : "no key had been created"}; nothing is left behind` +
            `${timedOut ? " (a request that timed out may still commit at NCP: refresh and check the sub account's keys)" : ""}. ` +
            `Fix: check the network path to NCP (or NCLOUD_API_URL), then run \`pulumi up\` again.`,
        );
      }
    }
  }
}

/**
 * The key we hold is created, so this must not fail the create (Pulumi would lose that key): a
 * sweep that cannot finish says so where the user sees provider output, with what to check.
 */
async function sweepLateCommits(client: NcloudClient, subAccountId: string, keep: Set<string>): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, client.timeoutMs));
  try {
    await deleteKeysNotIn(client, subAccountId, keep, undefined);
  } catch (error) {
    console.error(
      `SubAccountAccessKey: after a timed-out create, sub account ${subAccountId} could not be checked for a late key ` +
        `(${(error as Error).message}). Check it for access keys Pulumi's state does not hold.`,
    );
  }
}

function isTimeout(error: NcloudError): boolean {
  return error.code === "ETIMEDOUT" || (error.code?.endsWith("_TIMEOUT") ?? false);
}

async function deleteKeysNotIn(client: NcloudClient, subAccountId: string, before: Set<string>, cause: NcloudError | undefined): Promise<string[]> {
  let after;
  try {
    after = await client.subAccount.listAccessKeys(subAccountId);
  } catch (listError) {
    throw new Error(
      `creating an access key for sub account ${subAccountId} lost a response (${cause?.message ?? "a request timed out"}), and listing the sub account's keys ` +
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
