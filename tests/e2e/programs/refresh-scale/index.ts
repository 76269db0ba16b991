import * as pulumi from "@pulumi/pulumi";
import * as ncloud from "pulumi-ncloud-keys";

const config = new pulumi.Config();
const prefix = config.require("subAccountPrefix");
const subAccounts = config.requireNumber("subAccounts");
const keysPerAccount = config.requireNumber("keysPerAccount");

const keys = Array.from({ length: subAccounts }, (_, s) =>
  Array.from({ length: keysPerAccount }, (_, k) => new ncloud.SubAccountAccessKey(`key-${s}-${k}`, { subAccountId: `${prefix}-${s}` })),
).flat();

export const keyCount = keys.length;
