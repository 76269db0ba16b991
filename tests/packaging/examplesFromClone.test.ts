/**
 * `pulumi up` inside an example (or at the root, whose Pulumi.yaml runs examples/key-rotation)
 * works from a clone after a root `npm ci`: the examples are npm workspaces and depend on
 * `pulumi-ncloud-keys` as `file:../..`, so the root install links the checkout as the package and
 * holds the one `@pulumi/pulumi`.
 *
 * Checked the way Pulumi resolves things: the program's imports resolve from its directory; the
 * engine starts the dynamic-provider host by resolving `@pulumi/pulumi/cmd/dynamic-provider` from
 * that directory and runs it there, and the serialized provider's `require("pulumi-ncloud-keys/handlers")`
 * resolves from the host's working directory. Needs dist/ (`npm run build`).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { dynamicProvider } from "../../provider/dynamicProvider";
import { dynamicType, providerKey, startProviderHost, urn, type ProviderHost } from "../host/providerHost";
import { dynamicProviderEntry } from "../host/hostProcess";
import { serializeProvider } from "../host/serializeProvider";

const repoRoot = path.resolve(__dirname, "..", "..");
const examplesDir = path.join(repoRoot, "examples");
// The TypeScript examples: an npm package each. examples/yaml is a `runtime: yaml` project, with
// nothing to install (tests/e2e/pluginYaml.test.ts runs it).
const examples = fs.readdirSync(examplesDir).filter((name) => fs.existsSync(path.join(examplesDir, name, "package.json")));
const real = (file: string): string => fs.realpathSync(file);
const resolveFrom = (dir: string, id: string): string => real(require.resolve(id, { paths: [dir] }));

// Reports, from inside the host, where the handlers and their @pulumi/pulumi came from.
const probe = {
  async create() {
    try {
      const handlers = require.resolve("pulumi-ncloud-keys/handlers");
      const pulumiFromHandlers = require.resolve("@pulumi/pulumi", { paths: [handlers] });
      const loaded = require("pulumi-ncloud-keys/handlers") as { handlers?: Record<string, unknown> };
      return { id: "probe", outs: { handlers, pulumiFromHandlers, kinds: Object.keys(loaded.handlers ?? {}).sort() } };
    } catch (err) {
      return { id: "probe", outs: { error: String(err) } };
    }
  },
};

beforeAll(() => {
  if (!fs.existsSync(path.join(repoRoot, "dist", "provider", "handlers", "index.js"))) {
    throw new Error("dist/ is missing: run `npm run build`");
  }
});

test("every example has a Pulumi.yaml and is an npm workspace of the root", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { workspaces: string[] };
  expect(examples.sort()).toEqual(["gitops", "key-rotation", "nsml-keys", "temporary-credentials"]);
  expect(pkg.workspaces).toEqual(["examples/*"]);
  for (const example of examples) {
    const deps = (JSON.parse(fs.readFileSync(path.join(examplesDir, example, "package.json"), "utf8")) as { dependencies: Record<string, string> })
      .dependencies;
    expect({ example, dep: deps["pulumi-ncloud-keys"] }).toEqual({ example, dep: "file:../.." });
  }
});

describe.each(examples)("examples/%s from a clone", (example) => {
  const dir = path.join(examplesDir, example);

  test("the program resolves pulumi-ncloud-keys to this checkout's build and @pulumi/pulumi to the one root copy", () => {
    expect(resolveFrom(dir, "pulumi-ncloud-keys")).toBe(path.join(repoRoot, "dist", "provider", "index.js"));
    const pulumi = resolveFrom(dir, "@pulumi/pulumi");
    expect(pulumi).toBe(real(path.join(repoRoot, "node_modules", "@pulumi", "pulumi", "index.js")));
    // The package's own `require("@pulumi/pulumi")` lands on the same file: one runtime state.
    expect(resolveFrom(path.join(repoRoot, "dist", "provider"), "@pulumi/pulumi")).toBe(pulumi);
    // The engine starts this host entry for the program's dynamic resources.
    expect(resolveFrom(dir, "@pulumi/pulumi/cmd/dynamic-provider")).toBe(real(dynamicProviderEntry));
  });
});

describe("the dynamic-provider host started in an example's directory", () => {
  const hosts: ProviderHost[] = [];
  let probeText: string;
  let shimText: string;

  beforeAll(async () => {
    probeText = await serializeProvider(probe);
    shimText = await serializeProvider(dynamicProvider("subAccountAccessKey"));
  }, 60_000);
  afterAll(async () => {
    await Promise.all(hosts.map((host) => host.close()));
  });

  // The root runs examples/key-rotation (Pulumi.yaml `main`); both directories are checked.
  test.each([...examples.map((example) => path.join("examples", example)), "."])("finds pulumi-ncloud-keys/handlers from %s", async (relative) => {
    const host = await startProviderHost({ cwd: path.join(repoRoot, relative) });
    hosts.push(host);
    const probed = await host.create(urn(dynamicType("ncloud", "Probe"), "probe"), { [providerKey]: probeText });
    expect(probed.properties).toMatchObject({
      handlers: path.join(repoRoot, "dist", "provider", "handlers", "index.js"),
      pulumiFromHandlers: real(path.join(repoRoot, "node_modules", "@pulumi", "pulumi", "index.js")),
      kinds: ["nsmlAuthKeys", "searchSnapshotAuthKey", "stsCredentials", "subAccountAccessKey"],
    });
    // The real shim, as a resource's state holds it: check runs in the handlers, no request sent.
    await host.configure({});
    const theUrn = urn(dynamicType("ncloud", "SubAccountAccessKey"), "key");
    const checked = await host.check(theUrn, {}, { [providerKey]: shimText });
    expect(checked.failures.map((failure) => failure.property)).toContain("subAccountId");
  });
});
