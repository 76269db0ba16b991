/**
 * One create at a time per sub account, within this provider process.
 *
 * Why: after a lost answer, the orphan-safe create (./orphanSafeCreate) counts the sub account's
 * keys that no resource of this run holds, and a proof needs that count to hold only the lost
 * requests' keys. Pulumi creates resources in parallel; without this lock a sibling
 * SubAccountAccessKey's key could be made between our POST and our look, before this process
 * knew it held it. The engine runs all dynamic resources of a program in one host process, so an
 * in-process lock covers them; other writers are never told apart (docs/orphans.md).
 */
const tails = new Map<string, Promise<unknown>>();

export async function withSubAccountLock<T>(subAccountId: string, work: () => Promise<T>): Promise<T> {
  const previous = tails.get(subAccountId) ?? Promise.resolve();
  const run = previous.then(work, work);
  const tail = run.catch(() => undefined);
  tails.set(subAccountId, tail);
  try {
    return await run;
  } finally {
    if (tails.get(subAccountId) === tail) tails.delete(subAccountId);
  }
}
