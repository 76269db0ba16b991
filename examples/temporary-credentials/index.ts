import * as pulumi from "@pulumi/pulumi";
import * as ncloud from "pulumi-ncloud-keys";

const config = new pulumi.Config();

// Temporary credentials for, say, a CI job. They are kept in state until they come within
// `renewBefore` seconds of `expireTime`; from then on the next `pulumi up` replaces them.
const temporary = new ncloud.StsCredentials("ci-job", {
  durationSec: config.getNumber("durationSec") ?? 3600,
  renewBefore: config.getNumber("renewBefore") ?? 600,
});

// Who is this stack running as? Read on every program run (no arguments: the caller's own key).
const caller = ncloud.getStsCredentialsOutput();

export const callerAccessKey = caller.accessKey;
export const accessKey = temporary.accessKey;
/** A Pulumi secret. */
export const keySecret = temporary.keySecret;
export const expireTime = temporary.expireTime;
