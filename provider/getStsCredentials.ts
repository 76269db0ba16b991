import * as pulumi from "@pulumi/pulumi";
import { readStsCredentials } from "./handlers/stsCredentials";
import { programClient } from "./programClient";

export interface GetStsCredentialsArgs {
  /** Lifetime of temporary credentials in seconds, 600..43200. Setting any argument asks for temporary credentials. */
  durationSec?: number;
  /** The MFA device's serial number or NRN. */
  serialNumber?: string;
  /** The MFA device's current 6-digit OTP code. */
  tokenCode?: number;
}

export interface GetStsCredentialsOutputArgs {
  durationSec?: pulumi.Input<number>;
  serialNumber?: pulumi.Input<string>;
  tokenCode?: pulumi.Input<number>;
}

export interface GetStsCredentialsResult {
  /** The access key id. */
  readonly accessKey: string;
  /**
   * The secret key (temporary credentials only), as a secret Output even in the Promise form, so
   * it cannot be exported or logged in plain text by accident.
   */
  readonly keySecret: pulumi.Output<string | undefined>;
  /** When the credentials were created, ISO 8601. */
  readonly createTime: string;
  /** When temporary credentials expire, ISO 8601. */
  readonly expireTime?: string;
  /** Whether the temporary credentials were MFA-authenticated. */
  readonly useMfa?: boolean;
}

/**
 * Reads STS credentials on every program run: with no arguments the caller's own access key
 * (`GET /api/v1/credentials`, no secret), with any, new temporary credentials (`POST`).
 *
 * Cost: one request per call, and a program runs once per `pulumi preview` and once per
 * `pulumi up` (twice when `up` previews first). With arguments, each call **mints new temporary
 * credentials**: every preview and every up hands out another access key and secret, and the ones
 * before stay valid until their `expireTime` (NCP has no call to revoke them). Anything that uses
 * the result changes on every run. For credentials that stay the same from run to run, renewed only
 * near expiry, use the `StsCredentials` resource, which keeps them in state.
 * With `tokenCode`, every run also needs a fresh MFA code.
 */
export async function getStsCredentials(args: GetStsCredentialsArgs = {}, _opts?: pulumi.InvokeOptions): Promise<GetStsCredentialsResult> {
  const { keySecret, ...rest } = await readStsCredentials(programClient(), args);
  return { ...rest, keySecret: pulumi.secret(keySecret) };
}

/**
 * {@link getStsCredentials} for arguments that are Outputs. The result is a secret as a whole, as
 * Pulumi marks any invoke result holding a secret. It costs the same: with arguments, new temporary
 * credentials on every preview and up; use the `StsCredentials` resource to keep one set.
 */
export function getStsCredentialsOutput(args: GetStsCredentialsOutputArgs = {}, opts?: pulumi.InvokeOptions): pulumi.Output<pulumi.Unwrap<GetStsCredentialsResult>> {
  return pulumi.secret(pulumi.output(args).apply((resolved) => getStsCredentials(resolved, opts)));
}
