/**
 * A project directory's program (its index.ts) as an Automation API inline program. The Node.js
 * language host (pulumi-language-nodejs) is not served by the Go module proxy, so nothing here
 * runs `pulumi up` in a project directory; an inline program needs only the `pulumi` binary: the
 * Automation API serves the language runtime from this process and passes `--client` to the CLI.
 *
 * Each run loads the program afresh, as a new language host would: its modules are dropped from
 * Node's require cache first. It goes through Node's own `require` (not a test runner's module
 * registry), so the program and the Automation API share one `@pulumi/pulumi`, as they must.
 */
import * as path from "node:path";
import type { PulumiFn } from "@pulumi/pulumi/automation";

/**
 * Node's own require, resolving from this file. Not the `createRequire` of an `import` from
 * "node:module": under jest that module is jest's stand-in, whose require shares jest's module
 * registry and whose `require.cache` ignores deletes, so a second run of a program in one test file
 * got the first run's exports back without running the program (and registered no resources).
 * `process.getBuiltinModule` (Node 20.16+) hands out Node's own module, jest or not.
 */
export const nodeRequire = process.getBuiltinModule("node:module").createRequire(__filename);

let typescriptReady = false;

/** Lets Node's require load the program's TypeScript, as Pulumi's nodejs runtime does with ts-node. */
function loadTypeScript(): void {
  if (typescriptReady) return;
  const registered = (process as unknown as Record<symbol, unknown>)[Symbol.for("ts-node.register.instance")];
  if (!registered) {
    const tsNode = nodeRequire("ts-node") as typeof import("ts-node");
    tsNode.register({ transpileOnly: true, compilerOptions: { module: "commonjs", target: "ES2022" } });
  }
  typescriptReady = true;
}

/** The inline program for the project in `programDir`; its exports become the stack's outputs. */
export function inlineProgram(programDir: string): PulumiFn {
  const entry = path.join(programDir, "index.ts");
  return async () => {
    loadTypeScript();
    for (const loaded of Object.keys(nodeRequire.cache)) {
      if (loaded.startsWith(programDir + path.sep) && !loaded.includes(`${path.sep}node_modules${path.sep}`)) delete nodeRequire.cache[loaded];
    }
    return { ...(nodeRequire(entry) as Record<string, unknown>) };
  };
}
