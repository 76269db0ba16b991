/**
 * The snippets of the README and of sdk/README.md (which it links) are what a user copies first,
 * so each one is checked as that user runs it: TypeScript typechecks in a user's project
 * (`pulumi new typescript` tsconfig, the package resolved from node_modules), each SDK snippet
 * runs against the emulator and exits, and the shell lines name scripts that exist and return.
 * Needs dist/ (`npm run build`).
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { userProjectDir } from "../host/userProject";
import { typecheck } from "./pulumiNewTypescript";

const repoRoot = path.resolve(__dirname, "..", "..");

interface Snippet {
  lang: string;
  code: string;
}

function snippets(file: string): Snippet[] {
  const text = fs.readFileSync(file, "utf8");
  return [...text.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)].map(([, lang, code]) => ({ lang, code }));
}

const readme = snippets(path.join(repoRoot, "README.md"));
const sdkReadme = snippets(path.join(repoRoot, "sdk", "README.md"));
const typescriptSnippets = [...readme, ...sdkReadme].filter((s) => s.lang === "ts");
const shellLines = (list: Snippet[]): string[] =>
  list.filter((s) => s.lang === "sh").flatMap((s) => s.code.split("\n").map((line) => line.replace(/\s+#.*$/, "").trim()));
/** An SDK snippet runs as is: it needs no Pulumi engine. */
const runnable = typescriptSnippets.filter((s) => s.code.includes("pulumi-ncloud-keys/emulator"));

function run(file: string, args: string[], options: { cwd: string; timeout: number }): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { ...options, killSignal: "SIGKILL" }, (error, stdout, stderr) =>
      error ? reject(Object.assign(error, { stdout, stderr })) : resolve({ stdout, stderr }),
    );
  });
}

let dir: string;

beforeAll(() => {
  if (!fs.existsSync(path.join(repoRoot, "dist", "sdk", "index.d.ts"))) throw new Error("dist/ is missing: run `npm run build`");
  // Inside the user project, so `pulumi-ncloud-keys` and `@pulumi/pulumi` resolve from its node_modules.
  dir = fs.mkdtempSync(path.join(userProjectDir(), "readme-"));
});
afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test("the README shows a Pulumi program, a runnable SDK snippet and shell lines; sdk/README.md a runnable snippet", () => {
  expect(typescriptSnippets.length).toBeGreaterThanOrEqual(3);
  expect(runnable.filter((s) => readme.includes(s))).toHaveLength(1);
  expect(runnable.filter((s) => sdkReadme.includes(s))).toHaveLength(1);
  expect(shellLines(readme).length).toBeGreaterThan(0);
});

test("every TypeScript snippet of both READMEs, and every example program, typechecks under the pulumi new typescript tsconfig", () => {
  const files = typescriptSnippets.map((snippet, i) => {
    const file = path.join(dir, `snippet${i}.ts`);
    fs.writeFileSync(file, snippet.code);
    return file;
  });
  const examples = fs
    .readdirSync(path.join(repoRoot, "examples"))
    .map((name) => path.join(repoRoot, "examples", name, "index.ts"))
    .filter((file) => fs.existsSync(file));
  // Incremental, its build info kept beside the user project: a run checks again only what changed.
  const compiled = typecheck([...files, ...examples], path.join(userProjectDir(), "readme-snippets.tsbuildinfo"));
  expect(compiled.errors).toEqual([]);
  // Resolved through package.json to the build, and no zod types dragged in (TS1259 without esModuleInterop).
  expect(compiled.readFiles).toContain(path.join(repoRoot, "dist", "sdk", "index.d.ts"));
  expect(compiled.readFiles.filter((file) => !file.includes("node_modules") && /\.ts$/.test(file) && !/\.d\.ts$/.test(file))).toEqual(
    [...files, ...examples],
  );
  expect(compiled.readFiles.filter((file) => /[\\/]node_modules[\\/]zod[\\/]/.test(file))).toEqual([]);
}, 60_000);

test.each([
  ["README.md", 0, /^\S+ true\n$/],
  ["sdk/README.md", 1, /^\S+ 1\n$/],
])("the SDK snippet of %s, compiled to CommonJS, runs against the emulator and exits", async (_readme, index, printed) => {
  const { outputText } = ts.transpileModule(runnable[index].code, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 },
  });
  const file = path.join(dir, `sdkSnippet${index}.js`);
  fs.writeFileSync(file, outputText);
  // A snippet that leaves a socket open never exits: the timeout fails it.
  const { stdout } = await run(process.execPath, [file], { cwd: dir, timeout: 20_000 });
  expect(stdout).toMatch(printed);
}, 30_000);

test("every `npm run` in the README and the examples' READMEs names a script of package.json", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { scripts: Record<string, string> };
  const readmes = [path.join(repoRoot, "README.md"), ...fs.readdirSync(path.join(repoRoot, "examples")).map((e) => path.join(repoRoot, "examples", e, "README.md"))];
  const named = readmes
    .filter((file) => fs.existsSync(file))
    .flatMap((file) => shellLines(snippets(file)))
    .flatMap((line) => [...line.matchAll(/npm run (?:-s )?([\w:-]+)/g)].map(([, script]) => script));
  expect(named.length).toBeGreaterThan(0);
  expect(named.filter((script) => !(script in pkg.scripts))).toEqual([]);
});

test("the README's eval line returns with the emulator's exports; the background emulator stops on kill", async () => {
  const evalLine = shellLines(readme).find((line) => line.startsWith('eval "$('));
  expect(evalLine).toBeDefined();
  // `$(…)` returns only once nothing holds its stdout open: a foreground emulator would time out here.
  const { stdout } = await run("bash", ["-c", `${evalLine}\nprintf '%s %s' "$NCLOUD_API_URL" "$NCLOUD_EMULATOR_PID"`], {
    cwd: repoRoot,
    timeout: 60_000,
  });
  const [url, pidText] = stdout.split(" ");
  const pid = Number(pidText);
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(pid).toBeGreaterThan(0);
  process.kill(pid, "SIGTERM");
  // Not our child (the detached grandchild of bash): no exit event to wait for, so poll, bounded.
  const deadline = Date.now() + 10_000;
  const running = (): boolean => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  while (running() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(running()).toBe(false);
}, 90_000);
