import type * as pulumi from "@pulumi/pulumi";
import type { NcloudClient, StsCredentials } from "../../sdk";
import { checkInputs, containsUnknown, definedOnly } from "./check";
import { ncloudClient } from "./client";
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

export function check(_olds: unknown, news: Record<string, unknown>): pulumi.dynamic.CheckResult {
  return checkInputs(stsCredentialsInputs, news);
}

/**
 * New arguments mean new credentials; so does an `expireTime` within `renewBefore` seconds of now,
 * which is how every `pulumi up` keeps temporary credentials fresh.
 */
export function diff(_id: string, olds: StsCredentialsOutputs, news: StsCredentialsInputs, now: number = Date.now()): pulumi.dynamic.DiffResult {
  const replaces: string[] = (["durationSec", "serialNumber", "tokenCode"] as const).filter(
    (key) => containsUnknown(news[key]) || news[key] !== olds[key],
  );
  const renewBefore = typeof news.renewBefore === "number" ? news.renewBefore : 600;
  if (olds.expireTime && Date.parse(olds.expireTime) - now <= renewBefore * 1000) replaces.push("expireTime");
  return { changes: replaces.length > 0 || renewBefore !== olds.renewBefore, replaces };
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
