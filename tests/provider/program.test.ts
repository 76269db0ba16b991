import * as pulumi from "@pulumi/pulumi";

/**
 * The program side of each resource under Pulumi's mock monitor: what a user's `new X(...)` sends
 * to the engine. What the dynamic-provider host does with it is in tests/host/ (and, through the real
 * `pulumi`, in tests/e2e/).
 */

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}
const registered: Registered[] = [];
const observedOptions = new Map<string, pulumi.CustomResourceOptions>();

pulumi.runtime.setMocks(
  {
    newResource: (args) => {
      registered.push({ type: args.type, name: args.name, inputs: args.inputs });
      const state: Record<string, unknown> = { ...args.inputs, keySecret: "mock-key-secret", accessKey: "mock-access-key" };
      // Do what the engine does with the options the resource registered (the mock monitor does not):
      // outputs named in additionalSecretOutputs come back as secrets.
      for (const name of observedOptions.get(args.name)?.additionalSecretOutputs ?? []) state[name] = pulumi.secret(state[name]);
      return { id: `${args.name}-id`, state };
    },
    call: () => ({}),
  },
  "project",
  "stack",
  false,
);
// Imported after setMocks, as Pulumi's testing guide requires.
const ncloud: typeof import("../../provider") = require("../../provider");

function settle<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

const SECRET = "sentinel-search-secret-key-123";
const API_KEY = "sentinel-nsml-api-key-456";

/** The program, run inside a root stack as `pulumi up` runs it, so stack transformations apply. */
function program() {
  pulumi.runtime.registerStackTransformation((args) => {
    observedOptions.set(args.name, args.opts as pulumi.CustomResourceOptions);
    return undefined;
  });
  const key = new ncloud.SubAccountAccessKey("rotating", { subAccountId: "sub-1", keepers: { rotation: "2026-11" } }, { additionalSecretOutputs: ["createTime"] });
  const auth = new ncloud.SearchSnapshotAuthKey("snapshots", { serviceGroupInstanceNo: "1531843", accessKeyId: key.accessKey, secretKey: SECRET });
  const sts = new ncloud.StsCredentials("temporary", { durationSec: 3600 });
  const nsml = new ncloud.NsmlAuthKeys("nsml", { apiKey: API_KEY, title: "authkey" });
  const again = new ncloud.SubAccountAccessKey("rotating-2", { subAccountId: "sub-2" });
  return { key, auth, sts, nsml, again };
}

describe("resources as a program sees them", () => {
  let key: InstanceType<typeof ncloud.SubAccountAccessKey>;
  let auth: InstanceType<typeof ncloud.SearchSnapshotAuthKey>;
  let sts: InstanceType<typeof ncloud.StsCredentials>;
  let nsml: InstanceType<typeof ncloud.NsmlAuthKeys>;
  let again: InstanceType<typeof ncloud.SubAccountAccessKey>;
  beforeAll(async () => {
    await pulumi.runtime.runInPulumiStack(async () => {
      ({ key, auth, sts, nsml, again } = program());
    });
  });

  test("type tokens are pulumi-nodejs:dynamic/ncloud:<Name>", async () => {
    await settle(pulumi.all([key.id, auth.id, sts.id, nsml.id, again.id]));
    const dynamicTypes = registered.map((r) => r.type).filter((t) => t !== "pulumi:pulumi:Stack");
    expect([...new Set(dynamicTypes)].sort()).toEqual(
      ["NsmlAuthKeys", "SearchSnapshotAuthKey", "StsCredentials", "SubAccountAccessKey"].map((n) => `pulumi-nodejs:dynamic/ncloud:${n}`),
    );
  });

  test("keySecret, secretKey and apiKey come back secret; additionalSecretOutputs merges with the user's", async () => {
    expect(await pulumi.isSecret(key.keySecret)).toBe(true);
    expect(await pulumi.isSecret(auth.secretKey)).toBe(true);
    expect(await pulumi.isSecret(sts.keySecret)).toBe(true);
    expect(await pulumi.isSecret(key.accessKey)).toBe(false);
    expect(observedOptions.get("rotating")?.additionalSecretOutputs?.sort()).toEqual(["createTime", "keySecret"]);
    expect(observedOptions.get("snapshots")?.additionalSecretOutputs).toEqual(["secretKey"]);
    expect(observedOptions.get("temporary")?.additionalSecretOutputs).toEqual(["keySecret"]);
    expect(observedOptions.get("nsml")?.additionalSecretOutputs).toEqual(["apiKey"]);
  });

  test("each serialized provider is small, the same for every resource of a kind, and holds no secret", async () => {
    await settle(again.id);
    const providers = registered.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic")).map((r) => ({ name: r.name, text: String(r.inputs.__provider) }));
    for (const { text } of providers) {
      expect(text.length).toBeGreaterThan(100);
      expect(text.length).toBeLessThan(8 * 1024);
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(API_KEY);
      expect(text).toContain('require("pulumi-ncloud-keys/handlers")');
    }
    const byName = Object.fromEntries(providers.map((p) => [p.name, p.text]));
    expect(byName["rotating-2"]).toBe(byName["rotating"]);
  });
});
