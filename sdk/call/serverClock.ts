/**
 * NCP's clock as seen through the `Date` header of its answers (every answer carries one, see
 * docs/ncp-wire.md). The provider needs it to tell which keys a lost create may have made: NCP
 * stamps `createTime` with its own clock, which may be minutes away from this machine's.
 *
 * A `Date` is whole seconds (RFC 9110 §5.6.7), stamped somewhere between the moment the request
 * left and the moment the answer arrived, so one answer bounds the offset (NCP − local) to an
 * interval about 1 s + the round trip wide. Only the latest answer counts: a server whose clock
 * jumps (or lies) is followed, not averaged.
 */
export interface ServerTimeRange {
  /** Earliest and latest NCP time, ms since the epoch. */
  from: number;
  to: number;
}

export class ServerClock {
  #offset: { min: number; max: number } | undefined;

  constructor(private readonly localNow: () => number) {}

  /** The local clock the ranges are relative to (the client's `now`). */
  now(): number {
    return this.localNow();
  }

  /** Learns from one answer: its `Date` header, and local times when the request left and the answer arrived. */
  observe(dateHeader: string | undefined, sentAtLocal: number, receivedAtLocal: number): void {
    if (dateHeader === undefined) return;
    const stamped = Date.parse(dateHeader);
    if (Number.isNaN(stamped)) return;
    this.#offset = { min: stamped - receivedAtLocal, max: stamped + 1000 - sentAtLocal };
  }

  /** NCP's time during the local interval [fromLocal, toLocal]; undefined until an answer carried a `Date`. */
  range(fromLocal: number, toLocal: number): ServerTimeRange | undefined {
    if (!this.#offset) return undefined;
    return { from: fromLocal + this.#offset.min, to: toLocal + this.#offset.max };
  }
}
