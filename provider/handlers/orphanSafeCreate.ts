import { NcloudError, type CreatedAccessKey, type NcloudClient } from "../../sdk";
import { noteCreateTimeOffset, noteHeldKey } from "./heldKeys";
import { createTimeOffset } from "./lostCreates";
import { blocked, OrphanCleanup } from "./orphanCleanup";
import { describeKeys, type Findings } from "./orphanReport";

/** How many times a create whose answer was lost is tried. */
export const CREATE_ATTEMPTS = 3;

export interface CreateOptions {
  /** The user's word that this stack alone creates keys on the sub account (SubAccountAccessKey `exclusive`). */
  exclusive?: boolean;
}

/**
 * Creates an access key; after a lost answer, never leaves a key without saying so, and never
 * deletes a key it cannot prove is its own (docs/orphans.md).
 *
 * NCP shows a key's secret only in the create answer. If that answer is lost (our timeout, a 5xx,
 * a reset, an unreadable body), NCP may hold a key nobody can use. The happy path is the POST
 * alone. After a lost answer the provider lists the keys, deletes the ones a count proves are
 * the lost requests' (or, with `exclusive`, every key that appeared since), and tries again; once
 * it is done (success or not) it gives NCP one more timeout to run a lost request, looks again,
 * and names every key that may be left: in the error, or on stderr (the `pulumi up` output) when
 * the create itself succeeded. Callers hold the per-sub-account lock, so no sibling create of this
 * process runs meanwhile.
 */
export async function createAccessKeyWithoutOrphans(client: NcloudClient, subAccountId: string, options: CreateOptions = {}): Promise<CreatedAccessKey> {
  const cleanup = new OrphanCleanup(client, subAccountId, options.exclusive ?? false);
  const now = () => client.serverClock.now();
  for (let attempt = 1; ; attempt++) {
    const sentAt = now();
    let created: CreatedAccessKey;
    try {
      created = await client.subAccount.createAccessKey(subAccountId);
    } catch (error) {
      if (error instanceof NcloudError && error.outcomeUnknown) {
        cleanup.record({ attempt, sentAt, lostAt: now(), committed: isAnswered2xx(error), what: describeLoss(error, client.timeoutMs) });
        if (attempt >= CREATE_ATTEMPTS) throw await finalFailure(cleanup, () => `all ${attempt} attempts lost their answer`);
        // A cleanup that cannot finish stops the create: one more key could not be undone either.
        if (blocked(await cleanup.look())) throw await finalFailure(cleanup, () => "cleaning up after a lost answer failed");
        continue;
      }
      if (!cleanup.any) throw await explainCreateFailure(client, subAccountId, error);
      if (isKeyLimit(error)) {
        // A lost request's key may hold the place this create needs: free it if allowed, and try again.
        const deletedBefore = cleanup.deleted.length;
        const findings = await cleanup.look();
        const freed = cleanup.deleted.slice(deletedBefore).some((d) => d.key.active);
        if (freed && !blocked(findings) && attempt < CREATE_ATTEMPTS) continue;
        throw await finalFailure(cleanup, (f) => keyLimitCause(attempt, f));
      }
      throw await finalFailure(cleanup, () => `attempt ${attempt} failed: ${(error as Error).message}`);
    }
    noteHeldKey(created.accessKey);
    noteCreateTimeOffset(createTimeOffset(sentAt, now(), created.createTime));
    if (cleanup.any) await warnAfterSuccess(cleanup, created, attempt);
    return created;
  }
}

/** NCP answered 2xx but the body could not be read: the POST was carried out (the SDK says so). */
function isAnswered2xx(error: NcloudError): boolean {
  return error.status !== undefined && error.status >= 200 && error.status < 300;
}

function isTimeout(error: NcloudError): boolean {
  return error.code === "ETIMEDOUT" || (error.code?.endsWith("_TIMEOUT") ?? false);
}

/** What happened to one attempt, in a few words. */
function describeLoss(error: NcloudError, timeoutMs: number): string {
  if (isAnswered2xx(error)) return `was answered ${error.status} with a body that could not be read (NCP made the key)`;
  if (error.status !== undefined) {
    const code = error.code !== undefined && error.code !== String(error.status) ? ` (NCP code ${error.code})` : "";
    return `was answered ${error.status}${code}`;
  }
  if (isTimeout(error)) return `got no answer within ${timeoutMs} ms`;
  return `lost its connection (${error.code ?? "network error"})`;
}

function isKeyLimit(error: unknown): boolean {
  return error instanceof NcloudError && error.status === 409 && error.code === "9012";
}

function keyLimitCause(attempt: number, findings: Findings): string {
  const active = findings.keys.filter((k) => k.active);
  return (
    `NCP refused attempt ${attempt} with 409/9012: the sub account has ${active.length} active keys, the most NCP allows` +
    (findings.keys.length > 0 ? ` (now: ${describeKeys(findings.keys)})` : "") +
    ". A key a lost request made may be holding one of those places"
  );
}

/** Gives NCP its time, looks a last time (deleting what it may), and builds the error naming what is left. */
async function finalFailure(cleanup: OrphanCleanup, cause: (f: Findings) => string): Promise<Error> {
  const waitedMs = await cleanup.settle();
  const findings = await cleanup.look();
  return new Error(`creating an access key for sub account ${cleanup.subAccountId} failed: ${cause(findings)}. ${cleanup.report(findings, waitedMs)}`);
}

/**
 * The key we hold is created, so nothing here may fail the create (Pulumi would lose that key):
 * what the last look found goes to stderr, which `pulumi up` shows.
 */
async function warnAfterSuccess(cleanup: OrphanCleanup, created: CreatedAccessKey, attempt: number): Promise<void> {
  const waitedMs = await cleanup.settle();
  const findings = await cleanup.look();
  console.error(`SubAccountAccessKey: created ${created.accessKey} on sub account ${cleanup.subAccountId} at attempt ${attempt}. ${cleanup.report(findings, waitedMs)}`);
}

/** A 409/9012 names the keys the sub account holds and what to do about it. */
async function explainCreateFailure(client: NcloudClient, subAccountId: string, error: unknown): Promise<unknown> {
  if (!isKeyLimit(error)) return error;
  const keys = await client.subAccount.listAccessKeys(subAccountId).catch(() => undefined);
  if (!keys) return error;
  const active = keys.filter((k) => k.active);
  return new Error(
    `sub account ${subAccountId} already has ${active.length} active access keys (${describeKeys(keys)}), the most NCP allows. ` +
      `Fix: delete or deactivate one no stack holds (a SubAccountAccessKey with active: false, or the console), ` +
      `or rotate with deleteBeforeReplace: true so the old key is deleted before the new one is created.`,
  );
}
