import * as pulumi from "@pulumi/pulumi";
import * as ncloud from "pulumi-ncloud-keys";

// Many independent keys, spread over sub accounts so that the engine creates several at once (the
// provider creates one key at a time per sub account).
const config = new pulumi.Config();
const subAccountIds = config.require("subAccountIds").split(",");
const keys = Array.from(
  { length: config.requireNumber("keyCount") },
  (_, i) => new ncloud.SubAccountAccessKey(`key-${i}`, { subAccountId: subAccountIds[i % subAccountIds.length] }),
);

export const accessKeys = keys.map((key) => key.accessKey);

// The README's audit ("Failing a pipeline on keys Pulumi does not hold"), of any age: every key of
// these sub accounts that this stack does not hold. The lists are read once the keys exist (the
// get function runs in the program: it waits for its arguments, not for dependsOn).
const created = pulumi.all(accessKeys);
const listed = subAccountIds.map((subAccountId) => ncloud.getSubAccountAccessKeysOutput({ subAccountId: created.apply(() => subAccountId) }));
export const untrackedKeys = pulumi
  .all([pulumi.all(listed.map((audit) => audit.keys)), created])
  .apply(([lists, held]) => lists.flat().map((k) => k.accessKey).filter((accessKey) => !held.includes(accessKey)));
