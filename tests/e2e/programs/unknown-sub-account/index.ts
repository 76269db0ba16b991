/**
 * Test-only program: the key's subAccountId comes from a no-op dynamic resource. During preview
 * the engine runs no create and no replacement: a resource being created or replaced shows its
 * inputs as they are and every other output as unknown. `value` is such an output (not an input),
 * so the key's subAccountId is the engine's own unknown, not a stand-in of ours.
 */
import * as pulumi from "@pulumi/pulumi";
import * as ncloud from "pulumi-ncloud-keys";

/** Outputs its input `given` as `value`; a new `given` replaces it. Talks to nothing. */
const passThrough: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    return { id: "pass-through", outs: { given: inputs.given, value: inputs.given } };
  },
  async diff(_id, olds, news) {
    const changed = olds.given !== news.given;
    return { changes: changed, replaces: changed ? ["given"] : [] };
  },
};

class PassThrough extends pulumi.dynamic.Resource {
  declare readonly value: pulumi.Output<string>;
  constructor(name: string, given: string) {
    super(passThrough, name, { given, value: undefined }, {}, "e2e", "PassThrough");
  }
}

const source = new PassThrough("sub-account-id", new pulumi.Config().require("subAccountId"));
const key = new ncloud.SubAccountAccessKey("key", { subAccountId: source.value });

export const accessKey = key.accessKey;
