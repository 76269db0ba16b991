/**
 * Evaluates a Pulumi program's `index.ts` afresh on every run, as `pulumi up` starts a fresh
 * process each time, while sharing this process's `@pulumi/pulumi` (the one `setMocks` configured).
 *
 * Module resolution: an example imports `pulumi-ncloud-keys`. In a user's project that package is
 * installed in node_modules; here this checkout *is* the package, so the loader maps the package
 * name (and its `/sdk` subpath) to this checkout's sources. That works the same under ts-node
 * (`npm run demo`) and jest, with no path-mapping hook installed globally. Relative imports of the
 * program are evaluated afresh too; anything else is an ordinary `require`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as ts from "typescript";
import * as ncloud from "../../../provider";
import * as ncloudSdk from "../../../sdk";

/** What `import` of these names gives a program, instead of a node_modules lookup. */
const packages: Record<string, unknown> = {
  "@pulumi/pulumi": pulumi,
  "pulumi-ncloud-keys": ncloud,
  "pulumi-ncloud-keys/sdk": ncloudSdk,
};

/** The program's entry file: `<dir>/index.ts`, or `dir` itself when it is a file. */
export function programEntry(dirOrFile: string): string {
  return fs.statSync(dirOrFile).isDirectory() ? path.join(dirOrFile, "index.ts") : dirOrFile;
}

/** Evaluates the program and returns its exports (the stack outputs). */
export function loadProgram(dirOrFile: string): Record<string, unknown> {
  return evaluate(programEntry(dirOrFile), new Map());
}

type ModuleFunction = (exports: object, require: (id: string) => unknown, module: { exports: object }, filename: string, dirname: string) => void;

function evaluate(file: string, loaded: Map<string, { exports: object }>): Record<string, unknown> {
  const already = loaded.get(file);
  if (already) return already.exports as Record<string, unknown>;
  const module = { exports: {} };
  loaded.set(file, module);
  const { outputText } = ts.transpileModule(fs.readFileSync(file, "utf8"), {
    fileName: file,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, inlineSourceMap: true },
  });
  const requireFromProgram = (id: string): unknown => {
    if (id in packages) return packages[id];
    if (id.startsWith(".")) return evaluate(resolveRelative(path.dirname(file), id), loaded);
    return require(id); // the program's other imports (node builtins): an ordinary require
  };
  // new Function (not vm): the program must run in this realm, so its Promises and Outputs are ours.
  const run = new Function("exports", "require", "module", "__filename", "__dirname", `${outputText}\n//# sourceURL=${file}`) as ModuleFunction;
  run(module.exports, requireFromProgram, module, file, path.dirname(file));
  return module.exports as Record<string, unknown>;
}

function resolveRelative(dir: string, id: string): string {
  const base = path.resolve(dir, id);
  for (const candidate of [base, `${base}.ts`, path.join(base, "index.ts")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  throw new Error(`cannot resolve ${id} from ${dir}`);
}
