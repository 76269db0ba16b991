/**
 * One create at a time per sub account, within this provider process.
 *
 * Why: the orphan-safe create (./orphanSafeCreate) deletes keys that appeared during a create
 * whose response was lost. Pulumi creates resources in parallel, so without this lock a sibling
 * SubAccountAccessKey's fresh key could be mistaken for an orphan. The engine runs all dynamic
 * resources of a program in one host process, so an in-process lock covers them.
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
