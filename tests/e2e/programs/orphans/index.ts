import * as pulumi from "@pulumi/pulumi";
import * as ncloud from "pulumi-ncloud-keys";

interface KeySpec {
  name: string;
  subAccountId: string;
  exclusive: boolean;
  active: boolean;
}

// One key per matrix row, each on a sub account of its own, so one `pulumi up` runs many rows.
const specs = JSON.parse(new pulumi.Config().require("keys")) as KeySpec[];
const keys = specs.map((spec) => new ncloud.SubAccountAccessKey(spec.name, { subAccountId: spec.subAccountId, exclusive: spec.exclusive, active: spec.active }));

export const accessKeys = pulumi.all(keys.map((key) => key.accessKey));
