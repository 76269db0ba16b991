import type { AccessKeySummary, NcloudClient } from "../../sdk";
import { deleteKeyIfPresent } from "./goneKeys";
import { heldKeys, learnedCreateTimeOffset } from "./heldKeys";
import { earliestCreateTime, type LostCreate, provenOurs, settledBy, sortKeys } from "./lostCreates";
import { type DeletionGround, type Findings, lostCreateReport } from "./orphanReport";

/**
 * The lost creates of one SubAccountAccessKey create, and what was done about them. It deletes a
 * key only on proof or with `exclusive: true` (./lostCreates); everything else it reports.
 */
export class OrphanCleanup {
  readonly lost: LostCreate[] = [];
  readonly deleted: Array<{ key: AccessKeySummary; ground: DeletionGround }> = [];
  /** Lost creates no proven deletion has explained yet: what a proof counts. */
  #open: LostCreate[] = [];

  constructor(
    private readonly client: NcloudClient,
    readonly subAccountId: string,
    readonly exclusive: boolean,
  ) {}

  get any(): boolean {
    return this.lost.length > 0;
  }

  record(lost: LostCreate): void {
    this.lost.push(lost);
    this.#open.push(lost);
  }

  /**
   * Waits until every lost request not known to be over has had one more timeout to commit: a
   * request our deadline cut off, a gateway's 502/504 (NCP's 510 "Endpoint Timeout") or a reset
   * can still be running at NCP's backend. Bounded by the client's timeout.
   */
  async settle(): Promise<number> {
    const waitMs = Math.min(this.client.timeoutMs, settledBy(this.lost, this.client.timeoutMs) - this.client.serverClock.now());
    if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
    return this.client.timeoutMs;
  }

  /** Lists the sub account's keys and deletes the ones it may; never throws: a failure is in the findings. */
  async look(): Promise<Findings> {
    const clock = this.client.serverClock;
    const since = earliestCreateTime(this.lost[0].sentAt, clock, learnedCreateTimeOffset());
    let keys: AccessKeySummary[];
    try {
      keys = await this.client.subAccount.listAccessKeys(this.subAccountId);
    } catch (error) {
      return { keys: [], appeared: [], older: [], undeleted: [], listError: (error as Error).message, since };
    }
    const lookedAt = clock.range(clock.now(), clock.now())?.from;
    const held = heldKeys();
    const unknown = keys.filter((k) => !held.has(k.accessKey));
    let doomed: AccessKeySummary[] = [];
    let ground: DeletionGround = "proof";
    const proven = provenOurs(this.#open, unknown);
    if (proven) {
      doomed = unknown;
    } else if (this.exclusive && since !== undefined) {
      doomed = sortKeys(unknown, since, held).appeared;
      ground = "exclusive";
    }
    const undeleted: Findings["undeleted"] = [];
    for (const key of doomed) {
      try {
        await deleteKeyIfPresent(this.client, this.subAccountId, key.accessKey);
        this.deleted.push({ key, ground });
      } catch (error) {
        undeleted.push({ key, error: (error as Error).message });
      }
    }
    // Explained only once gone: a proven key whose delete failed is still counted next time.
    if (proven && undeleted.length === 0) this.#open = [];
    const kept = keys.filter((k) => !this.deleted.some((d) => d.key.accessKey === k.accessKey));
    const { appeared, older } = sortKeys(kept, since, held);
    const failed = new Set(undeleted.map((u) => u.key.accessKey));
    const stillThere = (k: AccessKeySummary) => !failed.has(k.accessKey);
    return { keys: kept, appeared: appeared.filter(stillThere), older: older.filter(stillThere), undeleted, since, lookedAt };
  }

  /** The report of a look (./orphanReport); `waitedMs` when NCP was given its time first (settle). */
  report(findings: Findings, waitedMs?: number): string {
    return lostCreateReport({ subAccountId: this.subAccountId, exclusive: this.exclusive, lost: this.lost, deleted: this.deleted, waitedMs }, findings);
  }
}

/** A look whose cleanup could not finish: the create stops there, naming what is left. */
export function blocked(findings: Findings): boolean {
  return findings.listError !== undefined || findings.undeleted.length > 0;
}
