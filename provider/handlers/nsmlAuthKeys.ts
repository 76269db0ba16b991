import type * as pulumi from "@pulumi/pulumi";
import type { NcloudClient, NsmlAuthKey } from "../../sdk";
import { checkInputs, containsUnknown, definedOnly, sameValue } from "./check";
import { ncloudClient } from "./client";
import { nsmlAuthKeysInputs } from "./schemas";

export interface NsmlAuthKeysArgsResolved {
  apiKey?: string;
  title?: string;
}

export interface NsmlAuthKeyView {
  name: string;
  title: string;
  fingerprint: string;
  /** ISO 8601. */
  createTime: string;
}

export interface NsmlAuthKeysResult {
  keys: NsmlAuthKeyView[];
  totalCount: number;
}

/**
 * NSML returns `YYYY-MM-DD HH:mm:ss` with no zone. NCP's consoles and APIs without a zone speak
 * Korea Standard Time, so that offset is written out to make the value ISO 8601.
 */
export function nsmlTimeToIso(value: string): string {
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(value);
  return match ? `${match[1]}T${match[2]}+09:00` : value;
}

/** The one NSML read that the resource and the get functions share. */
export async function readNsmlAuthKeys(client: NcloudClient, args: NsmlAuthKeysArgsResolved): Promise<NsmlAuthKeysResult> {
  // An apiKey given as an argument takes precedence over ncloud:apiKey / NCLOUD_API_KEY.
  const { keyList } = await client.nsml.listAuthKeys({ apiKey: args.apiKey });
  const keys = keyList
    .filter((k: NsmlAuthKey) => args.title === undefined || k.title === args.title)
    .map((k: NsmlAuthKey) => ({ name: k.name, title: k.title, fingerprint: k.fingerprint, createTime: nsmlTimeToIso(k.createTime) }));
  return { keys, totalCount: keys.length };
}

export function check(_olds: unknown, news: Record<string, unknown>): pulumi.dynamic.CheckResult {
  return checkInputs(nsmlAuthKeysInputs, news);
}

/** The title is part of the id, so a new title is a new listing (replace); a new apiKey re-reads in place. */
export function diff(_id: string, olds: NsmlAuthKeysArgsResolved, news: NsmlAuthKeysArgsResolved): pulumi.dynamic.DiffResult {
  const replaces = containsUnknown(news.title) || news.title !== olds.title ? ["title"] : [];
  return { changes: replaces.length > 0 || !sameValue(news.apiKey, olds.apiKey), replaces };
}

async function listing(inputs: NsmlAuthKeysArgsResolved) {
  return definedOnly({ apiKey: inputs.apiKey, title: inputs.title, ...(await readNsmlAuthKeys(ncloudClient(), inputs)) });
}

export async function create(inputs: NsmlAuthKeysArgsResolved): Promise<pulumi.dynamic.CreateResult> {
  return { id: inputs.title ? `nsml-auth-keys:${inputs.title}` : "nsml-auth-keys", outs: await listing(inputs) };
}

export async function read(id: string, props: NsmlAuthKeysArgsResolved): Promise<pulumi.dynamic.ReadResult> {
  return { id, props: await listing(props), inputs: definedOnly({ apiKey: props.apiKey, title: props.title }) };
}

export async function update(_id: string, _olds: unknown, news: NsmlAuthKeysArgsResolved): Promise<pulumi.dynamic.UpdateResult> {
  return { outs: await listing(news) };
}

/** A data source owns nothing in NCP: delete only forgets it. */
export async function remove(): Promise<void> {}
