/**
 * `npm run sdks`: the Python and Go SDKs of the ncloud-keys plugin, generated from its schema
 * (provider/plugin/schema) into dist/sdks/{python,go}, with the schema beside them as
 * dist/sdks/schema.json.
 *
 * The generator is scripts/pulumi-cli/sdkgen, a small Go program on Pulumi's own code generators,
 * built in the module that pins the Pulumi CLI (so both come from one version), into dist/sdkgen/.
 * It needs Go, as building the CLI does; `go build` is a no-op when nothing changed.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { packageSchema } from "../../provider/plugin/schema";

const repoRoot = path.resolve(__dirname, "..", "..");
const moduleDir = path.join(repoRoot, "scripts", "pulumi-cli");

export interface GeneratedSdks {
  schema: string;
  /** The Python package's directory (pyproject.toml, pulumi_ncloud_keys/). */
  python: string;
  /** The Go package tree (ncloudkeys/ and its subpackages). */
  go: string;
}

function version(): string {
  return (JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string }).version;
}

export function generateSdks(outDir: string = path.join(repoRoot, "dist", "sdks")): GeneratedSdks {
  fs.mkdirSync(outDir, { recursive: true });
  const schema = path.join(outDir, "schema.json");
  fs.writeFileSync(schema, `${JSON.stringify(packageSchema(version()), null, 2)}\n`);
  const sdkgen = path.join(repoRoot, "dist", "sdkgen", "sdkgen");
  try {
    execFileSync("go", ["build", "-o", sdkgen, "./sdkgen"], { cwd: moduleDir, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, CGO_ENABLED: "0" } });
  } catch (error) {
    throw new Error(`building scripts/pulumi-cli/sdkgen failed (it needs Go 1.26 or later): ${String((error as { stderr?: Buffer }).stderr ?? error)}`);
  }
  execFileSync(sdkgen, [schema, outDir], { stdio: ["ignore", "inherit", "inherit"] });
  return { schema, python: path.join(outDir, "python"), go: path.join(outDir, "go") };
}

if (require.main === module) {
  const { python, go } = generateSdks();
  console.log(`Python SDK: ${path.relative(process.cwd(), python)}\nGo SDK: ${path.relative(process.cwd(), go)}`);
}
