import * as pulumi from "@pulumi/pulumi";
import { dynamicProvider } from "./dynamicProvider";
import { refuseImport } from "./importRefusal";
import { withSecretOutputs } from "./options";

const provider = dynamicProvider("stsCredentials");

export interface StsCredentialsArgs {
  /** Lifetime of temporary credentials in seconds, 600..43200 (NCP's default 3600). Setting any argument asks for temporary credentials. */
  durationSec?: pulumi.Input<number>;
  /** The MFA device's serial number or NRN, for MFA-authenticated temporary credentials. */
  serialNumber?: pulumi.Input<string>;
  /**
   * The MFA device's current 6-digit OTP code. A code is good once: when the credentials are due
   * for renewal (or another argument changes), preview and up fail asking for the code the device
   * shows now, rather than resend this one.
   */
  tokenCode?: pulumi.Input<number>;
  /** Seconds before `expireTime` from which `pulumi up` replaces the credentials with fresh ones, 0..43200. Default 600. */
  renewBefore?: pulumi.Input<number>;
}

/**
 * Secure Token Service credentials (`/api/v1/credentials`), as a read-only resource: with no
 * arguments the caller's own access key (GET); with any, temporary credentials (POST) that each
 * `pulumi up` renews once they are within `renewBefore` seconds of expiry; `renewBefore` must be
 * less than their lifetime (`durationSec`, default 3600), or `check` refuses it: they would be
 * renewed on every run. Delete is a no-op: NCP has no call to revoke them, they end at `expireTime`.
 * Unlike `getStsCredentials` with arguments, which mints new credentials on every run, the
 * resource keeps one set in state.
 */
export class StsCredentials extends pulumi.dynamic.Resource {
  /** The access key id. */
  declare readonly accessKey: pulumi.Output<string>;
  /** The secret key (temporary credentials only). Always a Pulumi secret. */
  declare readonly keySecret: pulumi.Output<string | undefined>;
  /** When the credentials were created, ISO 8601. */
  declare readonly createTime: pulumi.Output<string>;
  /** When temporary credentials expire, ISO 8601. */
  declare readonly expireTime: pulumi.Output<string | undefined>;
  /** Whether the temporary credentials were MFA-authenticated. */
  declare readonly useMfa: pulumi.Output<boolean | undefined>;
  /** Seconds before expiry from which `pulumi up` renews the credentials. */
  declare readonly renewBefore: pulumi.Output<number>;

  constructor(name: string, args: StsCredentialsArgs = {}, opts?: pulumi.CustomResourceOptions) {
    refuseImport(
      "StsCredentials",
      name,
      opts,
      "remove the import option: creating this resource reads the caller's own key, or mints new temporary credentials.",
    );
    super(
      provider,
      name,
      { ...args, accessKey: undefined, keySecret: undefined, createTime: undefined, expireTime: undefined, useMfa: undefined, renewBefore: args.renewBefore },
      withSecretOutputs(opts, ["keySecret"]),
      "ncloud",
      "StsCredentials",
    );
  }
}
