/**
 * What `pulumi/actions` does for `command: preview | up`, run as a process of its own, as the
 * action is: the Automation API and `@pulumi/pulumi` of the project's own install (resolved from
 * its directory), the project directory as the working directory of the CLI and of the
 * dynamic-provider plugin, and the stack selected, never created (the action fails on a missing
 * stack unless `upsert` is set). `refresh: true` is `--refresh`, as in pulumi/actions v6.
 *
 * The program is the project's index.ts run as an inline program (scripts/engine/inlineProgram):
 * `pulumi-language-nodejs` cannot be built here. Run with Node and ts-node's transpile-only
 * register: `node -r ts-node/register/transpile-only pulumiAction.ts '<PulumiActionRequest JSON>'`.
 * The environment (backend, passphrase, PULUMI_HOME, NCLOUD_*) is the caller's. Prints one JSON
 * line, a PulumiActionResult, with every secret output masked.
 */
import { createRequire } from "node:module";
import * as fs from "node:fs";
import * as path from "node:path";
import { inlineProgram } from "../../../scripts/engine/inlineProgram";

export interface PulumiActionRequest {
  command: "preview" | "up";
  /** The project directory (`work-dir`), absolute. */
  workDir: string;
  stackName: string;
  refresh: boolean;
}

export interface PulumiActionResult {
  /** What each resource went through, in the engine's order (`resourcePreEvent`): `op` and URN. */
  steps: { op: string; urn: string }[];
  /** The change summary: `{ create: 3 }`, `{ same: 3 }`, ... */
  changes: Record<string, number>;
  /** Stack outputs after `up`, each secret one as "[secret]"; none after `preview`. */
  outputs: Record<string, unknown>;
  /** The version of `@pulumi/pulumi` that ran the program (the project's own install). */
  pulumiSdkVersion: string;
}

type Automation = typeof import("@pulumi/pulumi/automation");

function projectName(workDir: string): string {
  const name = /^name:\s*(\S+)\s*$/m.exec(fs.readFileSync(path.join(workDir, "Pulumi.yaml"), "utf8"))?.[1];
  if (!name) throw new Error(`${workDir}/Pulumi.yaml has no name`);
  return name;
}

async function run(request: PulumiActionRequest): Promise<PulumiActionResult> {
  const projectRequire = createRequire(path.join(request.workDir, "package.json"));
  const automation = projectRequire("@pulumi/pulumi/automation") as Automation;
  const pulumiSdkVersion = (projectRequire("@pulumi/pulumi/package.json") as { version: string }).version;
  const stack = await automation.LocalWorkspace.selectStack(
    { stackName: request.stackName, projectName: projectName(request.workDir), program: inlineProgram(request.workDir) },
    { workDir: request.workDir },
  );
  const steps: PulumiActionResult["steps"] = [];
  const onEvent = (event: import("@pulumi/pulumi/automation").EngineEvent) => {
    const pre = event.resourcePreEvent?.metadata;
    if (pre) steps.push({ op: pre.op, urn: pre.urn });
  };
  if (request.command === "preview") {
    const result = await stack.preview({ refresh: request.refresh, onEvent });
    return { steps, changes: { ...result.changeSummary }, outputs: {}, pulumiSdkVersion };
  }
  const result = await stack.up({ refresh: request.refresh, onEvent });
  const outputs = Object.fromEntries(Object.entries(result.outputs).map(([name, o]) => [name, o.secret ? "[secret]" : o.value]));
  return { steps, changes: { ...result.summary.resourceChanges }, outputs, pulumiSdkVersion };
}

if (require.main === module) {
  run(JSON.parse(process.argv[2]) as PulumiActionRequest).then(
    (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
