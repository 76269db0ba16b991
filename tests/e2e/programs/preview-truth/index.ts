import * as pulumi from "@pulumi/pulumi";
import * as ncloud from "pulumi-ncloud-keys";

// A key handed to a Search Engine service group, as in examples/key-rotation, with `active` and the
// region from config; temporary credentials held in state, and the get function that mints them.
const config = new pulumi.Config();
const key = new ncloud.SubAccountAccessKey("key", {
  subAccountId: config.require("subAccountId"),
  active: config.requireBoolean("active"),
  keepers: { rotation: config.require("rotation") },
});

// Before a destroy: hand the service group a key that outlives the stack.
const handOver = config.get("handOverAccessKeyId");
new ncloud.SearchSnapshotAuthKey("snapshots", {
  serviceGroupInstanceNo: config.require("serviceGroupInstanceNo"),
  accessKeyId: handOver ? handOver : key.accessKey,
  secretKey: handOver ? config.requireSecret("handOverSecretKey") : key.keySecret,
  // As a user may write it ("sgn"): check upper-cases it, in preview too.
  region: config.require("region"),
});

const held = new ncloud.StsCredentials("held", { durationSec: 900, renewBefore: 300 });
const minted = ncloud.getStsCredentialsOutput({ durationSec: 900 });

export const accessKey = key.accessKey;
export const keySecret = key.keySecret;
export const heldAccessKey = held.accessKey;
export const mintedAccessKey = minted.accessKey;
