import type { AccessKeySummary } from "../../sdk";
import { safeServerText } from "../../sdk/errors/serverText";
import type { LostCreate } from "./lostCreates";

/**
 * The words a user reads after a create lost its answer: every key that may be left behind, by
 * id and `createTime`; what was deleted and on what grounds; what to do. Pure functions.
 */

/** Why a key was deleted: a count proved it ours, or `exclusive: true` allowed it. */
export type DeletionGround = "proof" | "exclusive";

/** What one look at the sub account found, after deleting what could be deleted. */
export interface Findings {
  /** Every key listed, less the ones deleted. */
  keys: AccessKeySummary[];
  /** Kept keys nobody is known to hold, created since the first lost request was sent (as far as NCP's clock tells). */
  appeared: AccessKeySummary[];
  /** Kept keys nobody is known to hold, created before it. */
  older: AccessKeySummary[];
  /** Keys that were to be deleted, but the delete failed: still live. */
  undeleted: Array<{ key: AccessKeySummary; error: string }>;
  /** Set when listing the keys failed: nothing is known then. */
  listError?: string;
  /** The earliest createTime a lost request's key can carry (NCP's clock, ms); undefined when unknown. */
  since?: number;
  /** NCP's time of the look, when known. */
  lookedAt?: number;
}

export interface ReportContext {
  subAccountId: string;
  exclusive: boolean;
  lost: readonly LostCreate[];
  deleted: ReadonlyArray<{ key: AccessKeySummary; ground: DeletionGround }>;
  /** Final reports: the look came one timeout after the last lost answer (ms); say what a later commit would do. */
  waitedMs?: number;
}

/**
 * Text from NCP's answers, shown as is only when it holds nothing but what ids and times hold;
 * otherwise quoted, with control, bidi and line-separator characters escaped (sdk/errors/serverText).
 */
function shown(text: string): string {
  return /^[A-Za-z0-9_:.+-]+$/.test(text) ? text : `"${safeServerText(text)}"`;
}

export function describeKey(key: AccessKeySummary): string {
  return `${shown(key.accessKey)} (created ${shown(key.createTime)}${key.active ? "" : ", inactive"})`;
}

export function describeKeys(keys: readonly AccessKeySummary[]): string {
  return keys.map(describeKey).join(", ");
}

/** "2026-11-30T10:00:01Z (NCP time)"; "an unknown time" when NCP's clock is unknown. */
export function ncpTime(ms: number | undefined): string {
  if (ms === undefined) return "an unknown time (no answer of NCP carried a Date header)";
  return `${new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z")} (NCP time)`;
}

function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}

function deletedSentence(deleted: ReportContext["deleted"]): string[] {
  const sentences: string[] = [];
  const proven = deleted.filter((d) => d.ground === "proof").map((d) => d.key);
  const allowed = deleted.filter((d) => d.ground === "exclusive").map((d) => d.key);
  if (proven.length > 0) {
    sentences.push(
      `Deleted ${describeKeys(proven)}: NCP answered 2xx to ${plural(proven.length, "the lost request, so it made exactly one key", "each lost request, so each made exactly one key")}, ` +
        `and no other key of the sub account was unknown to this run.`,
    );
  }
  if (allowed.length > 0) {
    sentences.push(
      `Deleted ${describeKeys(allowed)}: exclusive: true says this stack alone creates keys on this sub account, and ` +
        `${plural(allowed.length, "it was", "they were")} created after the first lost request was sent.`,
    );
  }
  return sentences;
}

/**
 * The report: what was lost, what was deleted and why, every key that may be left behind, and
 * the fix. A failure's message and a successful create's warning both end with it.
 */
export function lostCreateReport(context: ReportContext, findings: Findings): string {
  const { lost, subAccountId } = context;
  const sentences: string[] = [
    `${lost.length} create ${plural(lost.length, "request", "requests")} for sub account ${subAccountId} lost ${plural(lost.length, "its", "their")} answer ` +
      `(${lost.map((l) => `attempt ${l.attempt} ${l.what}`).join("; ")}), so NCP may have made ${plural(lost.length, "a key", "keys")} whose secret nobody has.`,
    ...deletedSentence(context.deleted),
  ];
  for (const { key, error } of findings.undeleted) {
    sentences.push(`Deleting ${describeKey(key)} failed, so it is still live and nothing can use it (its secret is lost): ${error.replace(/\.$/, "")}.`);
  }
  if (findings.listError !== undefined) {
    sentences.push(
      `Listing the sub account's keys to find them failed, so nothing more is known: any key of this sub account created from ${ncpTime(findings.since)} ` +
        `on that no stack holds is theirs (${findings.listError.replace(/\.$/, "")}).`,
    );
  }
  if (findings.appeared.length > 0) {
    sentences.push(
      `Left behind, not deleted: ${describeKeys(findings.appeared)}, created since the first lost request was sent (${ncpTime(findings.since)}). ` +
        `Each is a key a lost request made (nothing can use it) or another writer's (another stack, a pipeline, the console); nothing proves which, so none was deleted.`,
    );
  }
  if (findings.older.length > 0) {
    sentences.push(`Older keys this run did not create: ${describeKeys(findings.older)}; they existed before the first lost request (by NCP's clock): leave them.`);
  }
  const leftSomething = findings.appeared.length > 0 || findings.undeleted.length > 0 || findings.listError !== undefined;
  if (!leftSomething) sentences.push("No key of the lost requests is left.");
  if (context.waitedMs !== undefined && lost.some((l) => !l.committed) && findings.listError === undefined) {
    sentences.push(
      `NCP had ${context.waitedMs} ms more after the last lost answer; a lost request it runs later still makes a key created after ${ncpTime(findings.lookedAt)} that no stack holds.`,
    );
  }
  if (leftSomething) {
    sentences.push(
      `Fix: compare ${plural(findings.appeared.length + findings.undeleted.length, "that key", "those keys")} with the accessKey of every stack that uses sub account ${subAccountId} ` +
        `(getSubAccountAccessKeys lists its keys) and delete the ones no stack holds` +
        (context.exclusive ? "." : "; if this stack alone creates keys on this sub account, set exclusive: true on the SubAccountAccessKey and the provider deletes such keys itself."),
    );
  }
  return sentences.join(" ");
}
