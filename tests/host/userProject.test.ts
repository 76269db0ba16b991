/**
 * The host resolves `require()` inside a serialized provider from its working directory, as under
 * `pulumi up` where that is the user's project. These tests need the package built (dist/).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { providerKey, startProviderHost, urn, dynamicType, type ProviderHost } from "./providerHost";
import { serializeProvider } from "./serializeProvider";
import { userProjectDir } from "./userProject";

const repoRoot = path.resolve(__dirname, "..", "..");
const builtSdk = path.join(repoRoot, "dist", "sdk", "index.js");
const theUrn = urn(dynamicType("ncloud", "Probe"), "probe");

/** Builds dist/ once if it is missing (`npm test` is expected to build first). */
function ensureBuilt(): void {
  if (fs.existsSync(builtSdk)) {
    return;
  }
  try {
    execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"], {
      cwd: repoRoot,
      stdio: "pipe",
    });
  } catch {
    // tsc still emits on type errors; whether the SDK file exists is checked below.
  }
  if (!fs.existsSync(builtSdk)) {
    throw new Error(`${builtSdk} is missing after building: run \`npm run build\``);
  }
}

// The handler reports where the SDK came from instead of throwing, so a failed lookup is visible.
const probe = {
  async create() {
    try {
      const sdk = require("pulumi-ncloud-keys/sdk") as { signature?: unknown };
      return {
        id: "probe",
        outs: { resolved: require.resolve("pulumi-ncloud-keys/sdk"), signatureType: typeof sdk.signature },
      };
    } catch (err) {
      return { id: "probe", outs: { error: String(err) } };
    }
  },
};

describe("a serialized provider requiring this package by name", () => {
  const hosts: ProviderHost[] = [];
  let provider: string;

  beforeAll(async () => {
    ensureBuilt();
    provider = await serializeProvider(probe);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(hosts.map((h) => h.close()));
  });

  test("resolves pulumi-ncloud-keys/sdk to the built dist/ from the user's project", async () => {
    const host = await startProviderHost({ cwd: userProjectDir() });
    hosts.push(host);
    const created = await host.create(theUrn, { [providerKey]: provider });
    expect(created.properties).toMatchObject({ resolved: builtSdk, signatureType: "function" });
  });

  test("cannot resolve it from a directory that does not depend on the package", async () => {
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), "not-a-user-project-"));
    const host = await startProviderHost({ cwd: elsewhere });
    hosts.push(host);
    const created = await host.create(theUrn, { [providerKey]: provider });
    expect(created.properties.error).toContain("Cannot find module 'pulumi-ncloud-keys/sdk'");
    fs.rmSync(elsewhere, { recursive: true, force: true });
  });

  test("userProjectDir is idempotent", () => {
    const dir = userProjectDir();
    expect(userProjectDir()).toBe(dir);
    expect(fs.realpathSync(path.join(dir, "node_modules", "pulumi-ncloud-keys"))).toBe(fs.realpathSync(repoRoot));
  });
});
