import * as pulumi from "@pulumi/pulumi";
import * as ncloud from "pulumi-ncloud-keys";

const config = new pulumi.Config();

// Changing `rotation` (say, monthly: `pulumi config set rotation 2026-07`) replaces the key.
// Replacement is create-before-delete: the new key exists and is set on the service group below
// before the old key is deleted, so snapshots never run with a dead key.
const key = new ncloud.SubAccountAccessKey("search-snapshots", {
  subAccountId: config.require("subAccountId"),
  keepers: { rotation: config.require("rotation") },
});

// The service group's Object Storage key follows the access key; `verify` proves it works.
new ncloud.SearchSnapshotAuthKey("search-snapshots", {
  serviceGroupInstanceNo: config.require("serviceGroupInstanceNo"),
  accessKeyId: key.accessKey,
  secretKey: key.keySecret,
});

export const accessKey = key.accessKey;
/** A Pulumi secret: `pulumi stack output keySecret --show-secrets` to read it. */
export const keySecret = key.keySecret;
