import type { Region } from "./types";

export interface SubAccountKey {
  accessKey: string;
  keySecret: string;
  active: boolean;
  createTime: string;
}

export interface ServiceGroup {
  region: Region;
  /** The Object Storage key pair last set with updateAPIAuthenticationKey. */
  accessKeyId?: string;
  secretKey?: string;
  updatedAt?: string;
}

export interface NsmlKey {
  name: string;
  title: string;
  fingerprint: string;
  createTime: string;
  publicKey: string;
}

export interface StsCredentials {
  accessKey: string;
  keySecret: string;
  createTime: string;
  expireTime: string;
  useMfa: boolean;
}

/**
 * Everything the emulated NCP account holds. Plain data on purpose: tests read it to check what
 * an operation really did (a dropped request must leave it untouched) and seed it directly.
 */
export class EmulatorState {
  subAccounts = new Map<string, { keys: Map<string, SubAccountKey> }>();
  serviceGroups = new Map<string, ServiceGroup>();
  nsmlKeys: NsmlKey[] = [];
  stsIssued: StsCredentials[] = [];
  /** MFA devices by serial number, with the one token code they accept now (tests seed them). */
  mfaDevices = new Map<string, number>();

  /** Adds an empty sub account; keeps the keys of one that already exists. */
  addSubAccount(id: string): void {
    if (!this.subAccounts.has(id)) this.subAccounts.set(id, { keys: new Map() });
  }

  /** The sub account's keys without their secrets, in creation order; [] for an unknown account. */
  liveKeys(subAccountId: string): Array<{ accessKey: string; active: boolean; createTime: string }> {
    const account = this.subAccounts.get(subAccountId);
    if (!account) return [];
    return [...account.keys.values()].map(({ accessKey, active, createTime }) => ({ accessKey, active, createTime }));
  }

  /** Temporary credentials STS issued with this access key that have not expired at `nowMs`. */
  liveTemporaryCredentials(accessKey: string, nowMs: number): StsCredentials | undefined {
    const issued = this.stsIssued.find((credentials) => credentials.accessKey === accessKey);
    return issued && Date.parse(issued.expireTime) > nowMs ? issued : undefined;
  }

  /** Adds a service group (KR by default); replaces one with the same number. */
  addServiceGroup(no: string, region: Region = "KR"): void {
    this.serviceGroups.set(no, { region });
  }
}
