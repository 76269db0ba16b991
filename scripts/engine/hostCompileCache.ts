/**
 * A compile cache for the dynamic-provider host of ./localStack's stacks: each engine operation
 * starts one, which loads @pulumi/pulumi afresh, ~0.6 s CPU on Node 24, ~0.4 s with V8's code cache
 * (measured here: the host started, serving, then killed as the engine does). Node 22.1+ keeps that
 * cache in the directory NODE_COMPILE_CACHE names, but writes it at exit, and the engine kills its
 * plugins at the end of an operation: flushCompileCache.js, preloaded, writes it once the host has
 * loaded. Older Nodes have no compile cache; they are given nothing.
 *
 * One directory per test run, made by jest's globalSetup (mkdtemp: outside the checkout, this
 * user's only) and removed by its globalTeardown; the run's processes find it in the variable below.
 * Outside a test run (the demo, the bench) nothing changes.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const HOST_COMPILE_CACHE = "PULUMI_NCLOUD_KEYS_HOST_COMPILE_CACHE";
const flushPreload = path.join(__dirname, "flushCompileCache.js");
// Node's own process.env: under jest, a test file's `process.env` is a copy.
const nodeEnv = process.getBuiltinModule("node:process").env;

let made: string | undefined;

/** Makes the run's directory, when this Node has a compile cache; for jest's globalSetup. */
export function openHostCompileCache(): void {
  const nodeModule = process.getBuiltinModule("node:module") as { flushCompileCache?: unknown };
  if (typeof nodeModule.flushCompileCache !== "function") return;
  made = fs.mkdtempSync(path.join(os.tmpdir(), "ncloud-host-compile-cache-"));
  nodeEnv[HOST_COMPILE_CACHE] = made;
}

/** Removes the directory openHostCompileCache made; for jest's globalTeardown. */
export function closeHostCompileCache(): void {
  if (made) fs.rmSync(made, { recursive: true, force: true });
  made = undefined;
}

/** The environment that gives the host the run's compile cache; none outside a run. */
export function hostCompileCacheEnv(): Record<string, string> {
  const dir = nodeEnv[HOST_COMPILE_CACHE];
  if (!dir || !fs.existsSync(dir)) return {};
  const preload = `--require ${JSON.stringify(flushPreload)}`;
  return { NODE_COMPILE_CACHE: dir, NODE_OPTIONS: nodeEnv.NODE_OPTIONS ? `${nodeEnv.NODE_OPTIONS} ${preload}` : preload };
}
