import * as pulumi from "@pulumi/pulumi";
import * as ncloud from "pulumi-ncloud-keys";

const config = new pulumi.Config();
const key = new ncloud.SubAccountAccessKey("key", {
  subAccountId: config.require("subAccountId"),
  exclusive: config.getBoolean("exclusive") ?? false,
  active: config.getBoolean("active") ?? true,
});

export const accessKey = key.accessKey;
