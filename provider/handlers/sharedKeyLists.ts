import type { AccessKeySummary, NcloudClient } from "../../sdk";
import { isKeyGone } from "./goneKeys";

/**
 * One list of a sub account's access keys, shared by every SubAccountAccessKey `read` of that sub
 * account in this process.
 *
 * Why: NCP has no call that reads one access key, only the list of a sub account's keys, and the
 * engine reads each resource on its own. Without sharing, `pulumi refresh` of N keys over S sub
 * accounts sends N lists where S answer every read; with it, S (`npm run bench`, "refresh").
 * The reads of a refresh come concurrently (the engine's `--parallel`) or one after another
 * (`-p 1`): both share, because a list is kept, not only coalesced while in flight.
 *
 * Why that serves nothing stale across operations: the engine starts the dynamic-provider plugin
 * (one process for every dynamic resource of the program) for one operation (`pulumi preview`,
 * `up`, `refresh`, `destroy`) and ends it with that operation, so a list kept here dies with the
 * operation that made it, and the next `pulumi refresh` lists afresh (tests/e2e/refreshScale.test.ts
 * changes keys behind Pulumi's back between two refreshes). Within the operation a change made
 * outside Pulumi after the list is seen at the next operation, as it is for a read that ran before
 * the change anyway. A harness that keeps one host for several "operations" must know this
 * (tests/host/README.md).
 *
 * Writes: a create, update or delete by this process drops the sub account's list when it starts and
 * when it ends (./subAccountAccessKey), so a read that overlaps a write lists during it, as an
 * unshared read would, and no read after a write is answered from a list made before it ended.
 *
 * Only `read` shares. A create's orphan check and its 409 explanation (./orphanSafeCreate) list the
 * keys themselves, afresh: deleting a key on the strength of an old list could delete a key another
 * writer has just made, and a delete proves nothing from a list at all (./goneKeys).
 *
 * What is shared is an answer: the keys, or "no such sub account" (an empty list; every key of it
 * is gone). A failure (an outage, throttling past the retries) is seen by the reads waiting on that
 * list and then dropped, so the next read asks NCP again. Lists are kept per client: a client built
 * from other settings (./client setClientOptions) never sees another's lists.
 */
const listsByClient = new WeakMap<NcloudClient, Map<string, Promise<AccessKeySummary[]>>>();

function listsOf(client: NcloudClient): Map<string, Promise<AccessKeySummary[]>> {
  let lists = listsByClient.get(client);
  if (!lists) {
    lists = new Map();
    listsByClient.set(client, lists);
  }
  return lists;
}

/** The sub account's keys for a `read`: this operation's list, made by the first read that asks. */
export function listKeysForRead(client: NcloudClient, subAccountId: string): Promise<AccessKeySummary[]> {
  const lists = listsOf(client);
  const kept = lists.get(subAccountId);
  if (kept) return kept;
  const list = client.subAccount.listAccessKeys(subAccountId).catch((error: unknown) => {
    if (isKeyGone(error)) return [];
    if (lists.get(subAccountId) === list) lists.delete(subAccountId);
    throw error;
  });
  lists.set(subAccountId, list);
  return list;
}

/** Runs a write to the sub account's keys, dropping its shared list before and after (even if the write fails: it may have committed). */
export async function writingKeysOf<T>(client: NcloudClient, subAccountId: string, write: () => Promise<T>): Promise<T> {
  const lists = listsOf(client);
  lists.delete(subAccountId);
  try {
    return await write();
  } finally {
    lists.delete(subAccountId);
  }
}
