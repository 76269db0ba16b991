import type { NcloudClient } from "../../sdk";
import { ageDays } from "./rotation";

export interface AuditedAccessKey {
  accessKey: string;
  active: boolean;
  /** When NCP created the key, ISO 8601 (whole seconds, NCP's clock). */
  createTime: string;
  /** Whole days since createTime, by NCP's clock. */
  ageDays: number;
}

export interface SubAccountKeyAudit {
  subAccountId: string;
  /** Every key of the sub account, oldest first. No secret: NCP never returns one after create. */
  keys: AuditedAccessKey[];
  /** How many of them are active (NCP allows 2). */
  activeCount: number;
}

/**
 * Every access key of a sub account with its age, for audits (`getSubAccountAccessKeys`). Age is
 * counted on NCP's clock, read from the listing's own `Date` header, because NCP stamped
 * createTime with it: a machine whose clock is off does not make keys look younger or older.
 */
export async function auditSubAccountKeys(client: NcloudClient, subAccountId: string): Promise<SubAccountKeyAudit> {
  const keys = await client.subAccount.listAccessKeys(subAccountId);
  const localNow = client.serverClock.now();
  const ncpNow = client.serverClock.range(localNow, localNow);
  const now = ncpNow ? (ncpNow.from + ncpNow.to) / 2 : localNow;
  const audited = keys
    .map((k) => ({ accessKey: k.accessKey, active: k.active, createTime: k.createTime, ageDays: ageDays(k.createTime, now) ?? 0 }))
    .sort((a, b) => Date.parse(a.createTime) - Date.parse(b.createTime));
  return { subAccountId, keys: audited, activeCount: audited.filter((k) => k.active).length };
}
