/**
 * The SDKs `npm run sdks` generates from the plugin's schema, checked as a user meets them: the
 * Python package installs with pip into a fresh virtualenv and imports, and the README's Python
 * program runs on it under Pulumi's mocks (the Python language host cannot be built here, so no
 * engine); the Go package and the README's Go program build. Needs Go, python3 with venv, and pip's
 * index (or its cache) for the Python SDK's dependencies (pulumi, and what it needs): those are
 * installed once and kept (./pythonEnv), as is the Go module's tree (./goModule).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { generateSdks, type GeneratedSdks } from "../../scripts/plugin/sdks";
import { secret } from "../host/wireValues";
import { goSdkModule } from "./goModule";
import { dependenciesEnv, freshVenv, pipInstall } from "./pythonEnv";

jest.setTimeout(900_000);

const repoRoot = path.resolve(__dirname, "..", "..");
const SUB_ACCOUNT = "4e066e50-9c3a-11e7-8a66-1e5021fa7c80";

/** The README's snippet in `lang` under the "Every other language" section. */
function readmeSnippet(lang: string): string {
  const readme = fs.readFileSync(path.join(repoRoot, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Every other language"));
  const match = new RegExp("^```" + lang + "\\n([\\s\\S]*?)^```$", "m").exec(section);
  if (!match) throw new Error(`README.md has no ${lang} snippet in "Every other language"`);
  return match[1];
}

let sdks: GeneratedSdks;
let work: string;

beforeAll(() => {
  sdks = generateSdks();
  work = fs.mkdtempSync(path.join(os.tmpdir(), "ncloud-keys-sdks-"));
});
afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe("Python", () => {
  let python: string;
  let venv: string;

  beforeAll(() => {
    // A copy: pip builds in the source tree, which stays as generated.
    const source = path.join(work, "python-sdk");
    fs.cpSync(sdks.python, source, { recursive: true });
    venv = path.join(work, "venv");
    python = freshVenv(venv, dependenciesEnv(source));
    pipInstall(python, source);
  });

  test("the package installs with pip into the fresh venv and imports, with every resource and function", () => {
    const imported = execFileSync(
      python,
      ["-c", "import json, pulumi_ncloud_keys as k; print(json.dumps([k.__file__, sorted(n for n in dir(k) if not n.startswith('_'))]))"],
      { encoding: "utf8" },
    );
    const [file, names] = JSON.parse(imported) as [string, string[]];
    expect(path.relative(venv, file)).toMatch(/^lib\/python3\.\d+\/site-packages\/pulumi_ncloud_keys\/__init__\.py$/);
    expect(names).toEqual(
      expect.arrayContaining([
        "SubAccountAccessKey",
        "SearchSnapshotAuthKey",
        "StsCredentials",
        "NsmlAuthKeys",
        "Provider",
        "get_sub_account_access_keys",
        "get_sts_credentials",
        "get_nsml_auth_keys",
        "config",
      ]),
    );
  });

  test("the README's Python program runs on it, registering the resources with the schema's names", () => {
    fs.writeFileSync(path.join(work, "readme_program.py"), readmeSnippet("python"));
    fs.writeFileSync(
      path.join(work, "run_with_mocks.py"),
      `import json
import pulumi

registered = []

class Mocks(pulumi.runtime.Mocks):
    def new_resource(self, args):
        registered.append({"type": args.typ, "inputs": args.inputs})
        outputs = dict(args.inputs)
        if args.typ == "ncloud-keys:index:SubAccountAccessKey":
            outputs.update(accessKey="ncp_iam_MOCKED", keySecret="mocked-secret")
        return [args.name + "-id", outputs]

    def call(self, args):
        return {}

pulumi.runtime.set_mocks(Mocks(), project="readme", stack="dev", preview=False)
pulumi.runtime.set_all_config({"readme:subAccountId": "${SUB_ACCOUNT}"})

@pulumi.runtime.test
def program():
    import readme_program
    return readme_program.key.access_key

program()
print(json.dumps(sorted(registered, key=lambda r: r["type"])))
`,
    );
    const out = execFileSync(python, ["run_with_mocks.py"], { cwd: work, encoding: "utf8" });
    expect(JSON.parse(out.trim().split("\n").pop()!)).toEqual([
      {
        type: "ncloud-keys:index:SearchSnapshotAuthKey",
        // The schema marks secretKey secret: the SDK sends it as a secret, whatever the program passed.
        inputs: { serviceGroupInstanceNo: "1531843", accessKeyId: "ncp_iam_MOCKED", secretKey: secret("mocked-secret"), verify: true },
      },
      { type: "ncloud-keys:index:SubAccountAccessKey", inputs: { subAccountId: SUB_ACCOUNT, rotationDays: 90, active: true } },
    ]);
  });
});

describe("Go", () => {
  test("the package and the README's Go program build, and go vet finds nothing", () => {
    const mod = goSdkModule(sdks.go, readmeSnippet("go"));
    // Not offline (GOPROXY=off): the SDK imports packages the CLI's linux build never compiled (a
    // Windows-only dependency of sdk/v3, say), whose modules a fresh machine's cache does not hold
    // yet; the Go module proxy serves them.
    const env = { ...process.env, CGO_ENABLED: "0", GOFLAGS: "-mod=mod" };
    // -o: the README program is linked into bin/, and linked again only when what goes in it changed.
    execFileSync("go", ["build", "-o", `${path.join(mod, "bin")}${path.sep}`, "./..."], { cwd: mod, env, stdio: ["ignore", "pipe", "pipe"] });
    expect(fs.existsSync(path.join(mod, "bin", "readme"))).toBe(true);
    execFileSync("go", ["vet", "./..."], { cwd: mod, env, stdio: ["ignore", "pipe", "pipe"] });
  });
});
