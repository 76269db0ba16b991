import * as pulumi from "@pulumi/pulumi";
import { readNsmlAuthKeys, type NsmlAuthKeyView } from "./handlers/nsmlAuthKeys";
import { programClient } from "./programClient";

export interface GetNsmlAuthKeysArgs {
  /** The API Gateway API key CLOVA NSML requires. Default: `ncloud:apiKey` / `NCLOUD_API_KEY`. */
  apiKey?: string;
  /** Only keys with this title. */
  title?: string;
}

export interface GetNsmlAuthKeysOutputArgs {
  apiKey?: pulumi.Input<string>;
  title?: pulumi.Input<string>;
}

export interface GetNsmlAuthKeysResult {
  /** The keys (name, title, fingerprint, createTime as ISO 8601), filtered by `title` when given. */
  readonly keys: NsmlAuthKeyView[];
  /** How many keys `keys` holds. */
  readonly totalCount: number;
}

/** Lists the CLOVA NSML authentication keys on every program run (`GET /nsml/v1/auth-keys`). */
export function getNsmlAuthKeys(args: GetNsmlAuthKeysArgs = {}, _opts?: pulumi.InvokeOptions): Promise<GetNsmlAuthKeysResult> {
  return readNsmlAuthKeys(programClient(), args);
}

/** {@link getNsmlAuthKeys} for arguments that are Outputs. */
export function getNsmlAuthKeysOutput(args: GetNsmlAuthKeysOutputArgs = {}, opts?: pulumi.InvokeOptions): pulumi.Output<GetNsmlAuthKeysResult> {
  return pulumi.output(args).apply((resolved) => getNsmlAuthKeys(resolved, opts));
}
