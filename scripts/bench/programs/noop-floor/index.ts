import * as pulumi from "@pulumi/pulumi";
import { noopProvider } from "./noopProvider";

const config = new pulumi.Config();
const noop = noopProvider("x".repeat(config.getNumber("providerTextPadding") ?? 0));

/** A SubAccountAccessKey's inputs and outputs, the secret marked secret the same way. */
class NoopKey extends pulumi.dynamic.Resource {
  constructor(name: string, args: { subAccountId: string }) {
    const outputs = { accessKey: undefined, keySecret: undefined, createTime: undefined, rotatesAt: undefined, active: undefined, keepers: undefined };
    super(noop, name, { ...args, ...outputs }, { additionalSecretOutputs: ["keySecret"] }, "ncloud", "NoopKey");
  }
}

// Same shape as ../keys/index.ts: only the resource class differs.
const prefix = config.require("subAccountPrefix");
const subAccounts = config.requireNumber("subAccounts");
const keysPerAccount = config.requireNumber("keysPerAccount");

const keys = Array.from({ length: subAccounts }, (_, s) =>
  Array.from({ length: keysPerAccount }, (_, k) => new NoopKey(`key-${s}-${k}`, { subAccountId: `${prefix}-${s}` })),
).flat();

export const keyCount = keys.length;
