import { NcloudError, type CreatedAccessKey, type NcloudClient } from "../../sdk";
// NCP's listing is server text: a key id or createTime is escaped before a message quotes it.
import { safeServerText } from "../../sdk/serverText";
import { deleteKeyIfPresent } from "./goneKeys";
import { attribute, describeWindows, type LostCreate, unexplained } from "./lostCreates";

/** How many times a create whose response was lost is cleaned up and tried again. */
export const CREATE_ATTEMPTS = 3;

/**
 * Keys this process created and handed to Pulumi. A sibling resource's key stamped in the same
 * second as a lost create is not an orphan (createTime has whole seconds only).
 */
const createdByThisProcess = new Set<string>();

/**
 * Creates an access key so that a lost response leaves no untracked live key behind, without ever
 * deleting a key another writer made.
 *
 * NCP shows a key's secret only in the create response. If that response is lost (timeout, reset,
 * a 5xx after the backend committed), the key may exist but Pulumi can never learn its secret, so
 * it must not survive. The happy path is the POST alone; only after a lost answer are the keys
 * listed, and a key is deleted only if NCP stamped it while our POST was in flight and no more
 * keys were stamped then than creates we lost (./lostCreates). Callers hold the per-sub-account
 * lock, so no sibling create of this process runs meanwhile. A request that timed out may still
 * commit later: once a create succeeds after a timeout, wait out that request's time and look again.
 */
export async function createAccessKeyWithoutOrphans(client: NcloudClient, subAccountId: string): Promise<CreatedAccessKey> {
  const clock = client.serverClock;
  let lost: LostCreate[] = [];
  const removed: string[] = [];
  for (let attempt = 1; ; attempt++) {
    const sentAt = clock.now();
    try {
      const created = await client.subAccount.createAccessKey(subAccountId);
      createdByThisProcess.add(created.accessKey);
      if (lost.length > 0) await sweepLateCommits(client, subAccountId, lost);
      return created;
    } catch (error) {
      if (!(error instanceof NcloudError && error.outcomeUnknown)) throw await explainCreateFailure(client, subAccountId, error);
      const timedOut = isTimeout(error);
      // NCP may still be running a POST our deadline cut off: give it one more timeout to commit.
      lost.push({ sentAt, until: clock.now() + (timedOut ? client.timeoutMs : 0), timedOut });
      const cleanup = await removeOwnKeys(client, subAccountId, lost, error.message);
      removed.push(...cleanup.removed);
      lost = cleanup.stillLost;
      if (attempt >= CREATE_ATTEMPTS) {
        throw new Error(
          `creating an access key for sub account ${subAccountId} lost its response ${attempt} times (${error.message}). ` +
            `Cleaned up: ${removed.length ? removed.join(", ") + " deleted" : "no key had been created"}` +
            (lost.length
              ? `; a request that timed out may still commit at NCP: a key of this sub account created ${describeWindows(cleanup.windows)} that Pulumi's state does not hold is an orphan ` +
                `(list the keys with getSubAccountAccessKeys, see the README) and can be deleted. `
              : "; nothing is left behind. ") +
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
async function sweepLateCommits(client: NcloudClient, subAccountId: string, lost: LostCreate[]): Promise<void> {
  const clock = client.serverClock;
  const waitMs = Math.max(...lost.map((l) => l.until)) - clock.now();
  if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
  try {
    const { stillLost, windows } = await removeOwnKeys(client, subAccountId, lost, "a request timed out");
    if (stillLost.length > 0) {
      // Most such requests never ran; one that did and commits later still must be findable.
      console.error(
        `SubAccountAccessKey: a create request to sub account ${subAccountId} timed out and no key from it had appeared one timeout later. ` +
          `If NCP commits it even later, a key of this sub account created ${describeWindows(windows)} or just after that Pulumi's state ` +
          `does not hold is an orphan: find it with getSubAccountAccessKeys (see the README) and delete it.`,
      );
    }
  } catch (error) {
    console.error(`SubAccountAccessKey: after a timed-out create, ${(error as Error).message}`);
  }
}

function isTimeout(error: NcloudError): boolean {
  return error.code === "ETIMEDOUT" || (error.code?.endsWith("_TIMEOUT") ?? false);
}

/** Deletes the keys certainly made by the lost creates; fails, deleting none, when they cannot be told apart. */
async function removeOwnKeys(client: NcloudClient, subAccountId: string, lost: LostCreate[], cause: string) {
  let keys;
  try {
    keys = await client.subAccount.listAccessKeys(subAccountId);
  } catch (listError) {
    throw new Error(
      `creating an access key for sub account ${subAccountId} lost a response (${cause}), and listing the sub account's keys ` +
        `to clean up failed too (${(listError as Error).message}). Fix: find the sub account's access keys created ` +
        `${describeWindows(lost.map((l) => client.serverClock.range(l.sentAt, l.until)))} that Pulumi's state does not hold ` +
        `(getSubAccountAccessKeys or the NCP console), delete them, then run \`pulumi up\` again.`,
    );
  }
  const { candidates, windows, ours } = attribute(keys, lost, client.serverClock, createdByThisProcess);
  if (!ours) {
    throw new Error(
      `creating an access key for sub account ${subAccountId} lost a response (${cause}), and ${candidates.length} keys were created ` +
        `${describeWindows(windows)} while this provider lost ${lost.length}: ` +
        `${candidates.map((k) => `${safeServerText(k.accessKey)} (created ${safeServerText(k.createTime)})`).join(", ")}. Another writer (another stack, a pipeline, ` +
        `someone in the console) made some of them, so none was deleted. Fix: ask who holds each key; delete the ones nobody holds ` +
        `(they cannot be used: their secret is lost), then run \`pulumi up\` again.`,
    );
  }
  // One someone else deleted meanwhile is gone all the same.
  for (const key of candidates) await deleteKeyIfPresent(client, subAccountId, key.accessKey);
  return { removed: candidates.map((k) => k.accessKey), stillLost: unexplained(lost, windows, candidates), windows };
}

/** A 409/9012 names how many keys the sub account holds and what to do about it. */
async function explainCreateFailure(client: NcloudClient, subAccountId: string, error: unknown): Promise<unknown> {
  if (!(error instanceof NcloudError && error.status === 409 && error.code === "9012")) return error;
  const keys = await client.subAccount.listAccessKeys(subAccountId).catch(() => undefined);
  if (!keys) return error;
  const active = keys.filter((k) => k.active);
  return new Error(
    `sub account ${subAccountId} already has ${active.length} active access keys (${keys.length} in all: ` +
      `${keys.map((k) => `${safeServerText(k.accessKey)} ${k.active ? "active" : "inactive"}`).join(", ")}), the most NCP allows. ` +
      `Fix: delete or deactivate one of them (a SubAccountAccessKey with active: false, or the console), ` +
      `or rotate with deleteBeforeReplace: true so the old key is deleted before the new one is created.`,
  );
}
