import type { AccessKeySummary, ServerClock } from "../../sdk";

/**
 * What can be known about the keys a create whose answer was lost may have made. Pure functions.
 *
 * NCP's create takes no field of ours (https://api.ncloud-docs.com/docs/en/management-subaccount-createaccesskey):
 * a key cannot be tagged, and its `createTime` has whole seconds. So a time window is never proof
 * that a key is ours: another writer may create a key in any window. Two things are:
 *  - a count (`provenOurs`): NCP answered 2xx to every such create, so each made exactly one key,
 *    and the sub account holds exactly that many keys this process knows nothing of;
 *  - the user's word (`exclusive: true`): nobody else creates keys on the sub account, so a key
 *    that appeared since the first lost request was sent is a lost request's.
 * Everything else is reported, never deleted (docs/orphans.md).
 */
export interface LostCreate {
  /** Which attempt of the create (1-based). */
  attempt: number;
  /** Local time (the client's clock) just before the POST was sent. */
  sentAt: number;
  /** Local time the answer was lost. */
  lostAt: number;
  /** NCP answered 2xx (only the body was lost): the request certainly made one key, and is over. */
  committed: boolean;
  /** What happened, for people: "got no answer within 30000 ms", "answered 502 (NCP code 502)". */
  what: string;
}

/**
 * How far NCP's `Date` header (stamped by the API Gateway) may be from the `createTime` NCP's
 * backend stamps: they are different machines. Used only to sort keys for the report and, with
 * `exclusive: true`, for what may be deleted; never for a proof.
 */
export const DATE_TOLERANCE_MS = 5000;

/** The real instants a `createTime` stands for, [from, to): a whole second unless it has a fraction. */
export function createTimeSpan(createTime: string): { from: number; to: number } | undefined {
  const ms = Date.parse(createTime);
  if (Number.isNaN(ms)) return undefined;
  const digits = /T[0-9:]+\.([0-9]+)/.exec(createTime)?.[1].length ?? 0;
  return { from: ms, to: ms + 10 ** (3 - Math.min(digits, 3)) };
}

/**
 * The least `createTime − local time` a key created between `sentAt` and `receivedAt` (local)
 * allows: NCP's backend clock read straight from a key, with no gateway `Date` in between.
 */
export function createTimeOffset(sentAt: number, receivedAt: number, createTime: string): number | undefined {
  const span = createTimeSpan(createTime);
  return span === undefined || receivedAt < sentAt ? undefined : span.from - receivedAt;
}

/**
 * The earliest `createTime` (ms, NCP's clock) a key made by a request sent at `sentAt` (local) can
 * carry: from a key this process created (`createTimeOffsetMin`, exact to the second), or from the
 * gateway's `Date` less DATE_TOLERANCE_MS; the lower of the two when both are known. Undefined
 * when neither is: then no key can be called older.
 */
export function earliestCreateTime(sentAt: number, clock: ServerClock, createTimeOffsetMin: number | undefined): number | undefined {
  const estimates: number[] = [];
  if (createTimeOffsetMin !== undefined) estimates.push(sentAt + createTimeOffsetMin);
  const byDate = clock.range(sentAt, sentAt);
  if (byDate !== undefined) estimates.push(byDate.from - DATE_TOLERANCE_MS);
  return estimates.length > 0 ? Math.min(...estimates) : undefined;
}

export interface SortedKeys {
  /** Keys nobody is known to hold that may have appeared since `since`: a lost request's, or another writer's. */
  appeared: AccessKeySummary[];
  /** Keys nobody is known to hold stamped before `since`: they existed before the lost requests. */
  older: AccessKeySummary[];
}

/** Sorts the keys this process does not know of (`held`) by whether they can be newer than `since`. */
export function sortKeys(keys: readonly AccessKeySummary[], since: number | undefined, held: ReadonlySet<string>): SortedKeys {
  const appeared: AccessKeySummary[] = [];
  const older: AccessKeySummary[] = [];
  for (const key of keys) {
    if (held.has(key.accessKey)) continue;
    const span = createTimeSpan(key.createTime);
    if (since === undefined || span === undefined || span.to > since) appeared.push(key);
    else older.push(key);
  }
  return { appeared, older };
}

/**
 * True when the keys nobody is known to hold are certainly the lost creates' own: NCP answered 2xx
 * to every one still unexplained (each made exactly one key, and is over), and there are exactly
 * as many such keys. Judged on every key of the sub account, not on a time window, so no clock
 * enters it: had another writer made a key, there would be one more. (A key someone deleted
 * meanwhile could hide one; deleting a key that is already gone does no harm.)
 */
export function provenOurs(open: readonly LostCreate[], unknownKeys: readonly AccessKeySummary[]): boolean {
  return open.length > 0 && open.every((lost) => lost.committed) && unknownKeys.length === open.length;
}

/** Local time by which every lost request not known to be over has had `timeoutMs` more to commit. */
export function settledBy(lost: readonly LostCreate[], timeoutMs: number): number {
  return Math.max(0, ...lost.filter((l) => !l.committed).map((l) => l.lostAt + timeoutMs));
}
