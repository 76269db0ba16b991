/**
 * What this provider process knows about a sub account's keys that NCP cannot tell it.
 *
 * "Held" keys are keys a Pulumi resource holds: the ones this process created (the engine runs
 * every dynamic resource of a `pulumi up` in one provider process), and the ones Pulumi's state
 * showed it (the old outputs the engine passes to diff, read and update). A lost create's cleanup
 * never counts, deletes or blames them. Keys of this stack that the engine has not shown this
 * process yet are not here: the cleanup tells those apart by NCP's clock (./lostCreates).
 */
const held = new Set<string>();

export function noteHeldKey(accessKey: unknown): void {
  if (typeof accessKey === "string" && accessKey !== "") held.add(accessKey);
}

export function heldKeys(): ReadonlySet<string> {
  return held;
}

/**
 * The least `createTime − local time` learned from a key this process created (./lostCreates
 * createTimeOffset): NCP's backend clock, read without the gateway's `Date`. The latest wins: a
 * clock that moved is followed.
 */
let createTimeOffsetMin: number | undefined;

export function noteCreateTimeOffset(offset: number | undefined): void {
  if (offset !== undefined) createTimeOffsetMin = offset;
}

export function learnedCreateTimeOffset(): number | undefined {
  return createTimeOffsetMin;
}
