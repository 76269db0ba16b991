/**
 * Test-only program: every resource kind, named for what a refresh test does to it behind
 * Pulumi's back (tests/e2e/refreshDrift.test.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import * as ncloud from "pulumi-ncloud-keys";

const config = new pulumi.Config();
const subAccountId = config.require("subAccountId");

new ncloud.SubAccountAccessKey("deactivated", { subAccountId });
new ncloud.SubAccountAccessKey("deleted", { subAccountId });
const handed = new ncloud.SubAccountAccessKey("handed", { subAccountId: config.require("otherSubAccountId") });

new ncloud.SearchSnapshotAuthKey("rekeyed", { serviceGroupInstanceNo: config.require("rekeyedGroup"), accessKeyId: handed.accessKey, secretKey: handed.keySecret });
const removedGroup = config.get("removedGroup");
if (removedGroup) {
  new ncloud.SearchSnapshotAuthKey("removed", { serviceGroupInstanceNo: removedGroup, accessKeyId: handed.accessKey, secretKey: handed.keySecret });
}

new ncloud.StsCredentials("temporary", { durationSec: 3600 });
new ncloud.StsCredentials("caller");
new ncloud.NsmlAuthKeys("nsml", { title: "ci" });
