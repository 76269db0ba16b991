import type * as pulumi from "@pulumi/pulumi";
import type { NcloudClient, StsCredentials } from "../../sdk";
import { checkInputs, containsUnknown, definedOnly } from "./check";
import { ncloudClient } from "./client";
import { rotationNow } from "./rotation";
import { stsCredentialsInputs } from "./schemas";

export interface StsCredentialsArgsResolved {
  durationSec?: number;
  serialNumber?: string;
  tokenCode?: number;
}

export interface StsCredentialsInputs extends StsCredentialsArgsResolved {
  renewBefore: number;
}

export type StsCredentialsOutputs = StsCredentialsInputs & StsCredentials;

/**
 * The one STS read that the resource and the get functions share: with no argument, the caller's
 * own credentials (GET); with any, new temporary credentials (POST).
 */
export function readStsCredentials(client: NcloudClient, args: StsCredentialsArgsResolved): Promise<StsCredentials> {
  const wantsTemporary = args.durationSec !== undefined || args.serialNumber !== undefined || args.tokenCode !== undefined;
  return wantsTemporary ? client.sts.createCredentials(definedOnly({ ...args })) : client.sts.getCredentials();
}

/** NCP's lifetime of temporary credentials when `durationSec` is not given (docs/ncp-wire.md, R04). */
const DEFAULT_DURATION_SEC = 3600;

export function check(_olds: unknown, news: Record<string, unknown>): pulumi.dynamic.CheckResult {
  const result = checkInputs(stsCredentialsInputs, news);
  const tooLate = result.failures ? undefined : renewBeforeTooLate(result.inputs, news.renewBefore !== undefined);
  return tooLate ? { inputs: news, failures: [tooLate] } : result;
}

/**
 * Temporary credentials due for renewal `renewBefore` seconds before they expire are due as soon
 * as they are made when that is their whole lifetime or more: every preview and up would replace
 * them. Only known values can be compared; the caller's own credentials (no argument) never expire.
 */
function renewBeforeTooLate(inputs: Record<string, unknown>, renewBeforeGiven: boolean): { property: string; reason: string } | undefined {
  const { durationSec, serialNumber, tokenCode, renewBefore } = inputs;
  if (durationSec === undefined && serialNumber === undefined && tokenCode === undefined) return undefined;
  const lifetime = durationSec ?? DEFAULT_DURATION_SEC;
  if (typeof lifetime !== "number" || typeof renewBefore !== "number" || renewBefore < lifetime) return undefined;
  const given = durationSec === undefined ? `${lifetime} s, NCP's default when durationSec is not set` : `durationSec ${lifetime} s`;
  return {
    property: "renewBefore",
    reason:
      `renewBefore (${renewBefore} s${renewBeforeGiven ? "" : ", the default"}) must be less than the credentials' lifetime (${given}): ` +
      `they would be due for renewal as soon as they are made, and every preview and up would replace them. ` +
      `Fix: set renewBefore below ${lifetime} (e.g. ${Math.floor(lifetime / 4)}), or a longer durationSec.`,
  };
}

/**
 * New arguments mean new credentials; so does an `expireTime` within `renewBefore` seconds of now,
 * which is how every `pulumi up` keeps temporary credentials fresh. `now` is the clock of the
 * provider's time rules (./rotation rotationNow, which tests and the demo may set, on loopback only).
 */
export function diff(_id: string, olds: StsCredentialsOutputs, news: StsCredentialsInputs, now: number = rotationNow(ncloudClient())): pulumi.dynamic.DiffResult {
  const replaces: string[] = (["durationSec", "serialNumber", "tokenCode"] as const).filter(
    (key) => containsUnknown(news[key]) || news[key] !== olds[key],
  );
  const renewBefore = typeof news.renewBefore === "number" ? news.renewBefore : 600;
  if (olds.expireTime && Date.parse(olds.expireTime) - now <= renewBefore * 1000) replaces.push("expireTime");
  if (replaces.length > 0) refuseStaleTokenCode(olds, news, replaces, renewBefore);
  return { changes: replaces.length > 0 || renewBefore !== olds.renewBefore, replaces };
}

/**
 * New MFA-authenticated credentials need a code the device shows now: the `tokenCode` the old
 * ones were made with was good once, and NCP refuses it with 401 ("invalid MFA one time pass
 * code"). Failing the diff says so in `pulumi preview` already, before anything is sent.
 */
function refuseStaleTokenCode(olds: StsCredentialsOutputs, news: StsCredentialsInputs, replaces: readonly string[], renewBefore: number): void {
  if (news.tokenCode === undefined || containsUnknown(news.tokenCode) || news.tokenCode !== olds.tokenCode) return;
  const why = replaces.map((key) => (key === "expireTime" ? `they expire at ${olds.expireTime}, within renewBefore (${renewBefore} s)` : `${key} changed`));
  throw new Error(
    `StsCredentials: new MFA-authenticated credentials are needed (${why.join("; ")}), and they need a fresh tokenCode: ` +
      `the one given is the code the current credentials were made with, and an MFA code is good once. Nothing was sent to NCP. ` +
      `Fix: set tokenCode to the code the MFA device shows now and run pulumi up.`,
  );
}

export async function create(inputs: StsCredentialsInputs): Promise<pulumi.dynamic.CreateResult<StsCredentialsOutputs>> {
  const credentials = await readStsCredentials(ncloudClient(), inputs);
  return { id: credentials.accessKey, outs: definedOnly({ ...inputs, ...credentials }) };
}

/**
 * Refresh re-reads the caller's own credentials. Temporary credentials cannot be read back (a
 * second POST would mint new ones), so they are kept from state until they are due for renewal.
 */
export async function read(id: string, props: StsCredentialsOutputs): Promise<pulumi.dynamic.ReadResult> {
  const { renewBefore, durationSec, serialNumber, tokenCode } = props;
  const inputs = definedOnly({ renewBefore, durationSec, serialNumber, tokenCode });
  if (props.expireTime) return { id, props, inputs };
  const credentials = await ncloudClient().sts.getCredentials();
  return { id: credentials.accessKey, props: definedOnly({ ...props, ...credentials }), inputs };
}

export async function update(_id: string, olds: StsCredentialsOutputs, news: StsCredentialsInputs): Promise<pulumi.dynamic.UpdateResult> {
  return { outs: { ...olds, renewBefore: news.renewBefore } };
}

/** NCP has no call to revoke temporary credentials; they end at expireTime. */
export async function remove(): Promise<void> {}
