/**
 * One create at a time per sub account, within this provider process.
 *
 * Why: the orphan-safe create (./orphanSafeCreate) deletes a key NCP stamped while a create whose
 * response was lost was in flight, and only when no more keys were stamped then than creates it
 * lost. Pulumi creates resources in parallel; without this lock a sibling SubAccountAccessKey's
 * fresh key would land in that window and make every lost create ambiguous (nothing deleted, the
 * create fails). The engine runs all dynamic resources of a program in one host process, so an
 * in-process lock covers them; other writers are told apart by NCP's clock, not by this lock.
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
