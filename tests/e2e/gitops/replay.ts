/**
 * Replays a job of the gitops workflow on this machine, step by step as GitHub runs it, stopping
 * at the first step that fails:
 * - `run:` steps run with `bash -e` (GitHub's default shell on Linux) in their
 *   `working-directory`, with the workflow's `env:` (secrets filled in) and CI=true;
 * - `pulumi/actions` runs as pulumiAction.ts (the Automation API of the project's own install);
 * - `actions/checkout` is the layout already on disk; `actions/setup-node` is checked for its
 *   version, and this machine's Node runs the steps.
 * Any other step is an error naming it, so a changed workflow breaks the test until the replay
 * knows the new step.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { npmSettings, repoRoot } from "./layouts";
import type { PulumiActionRequest, PulumiActionResult } from "./pulumiAction";
import { expand, type ExpressionContext } from "./workflowExpression";
import type { GitHubEvent, Workflow, WorkflowStep } from "./workflow";


export interface ReplayContext {
  /** The repository root, where `actions/checkout` would have put the checkout. */
  root: string;
  /** Values for `${{ secrets.NAME }}`; an unset one is "" as on GitHub. */
  secrets: Record<string, string>;
  /** On top of the workflow's env: the file backend, passphrase, PULUMI_HOME, the CLI on PATH, NCP's stand-in. */
  env: Record<string, string>;
  /** The name a file backend gives the workflow's fully qualified stack name (its org is always `organization`). */
  localStackName(name: string): string;
  /**
   * The preparation (the steps before the first pulumi/actions step: checkout, Node, install,
   * build) already run in this checkout, set by the first replay. Every job has the same one (a
   * later replay checks that), so later replays skip it: the install is done once per layout.
   */
  prepared?: string;
}

export interface StepOutcome {
  step: string;
  exitCode: number;
  /** stdout and stderr of a `run:` step or of the action. */
  output: string;
  action?: PulumiActionResult;
}

function stepLabel(step: WorkflowStep): string {
  return step.name ?? step.uses ?? step.run?.split("\n")[0] ?? "(step)";
}

function spawn(file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ exitCode: code, stdout, stderr });
    });
  });
}

/** This process's environment without NCLOUD_* (a developer's shell must not reach a real account). */
function baseEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("NCLOUD_")));
}

async function runScript(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<StepOutcome & { step: "" }> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "gitops-step-")), "step.sh");
  fs.writeFileSync(file, script);
  const result = await spawn("bash", ["-e", file], cwd, env);
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  return { step: "", exitCode: result.exitCode, output: result.stdout + result.stderr };
}

async function runPulumiAction(request: PulumiActionRequest, env: NodeJS.ProcessEnv): Promise<StepOutcome & { step: "" }> {
  const tsNode = path.join(repoRoot, "node_modules", "ts-node", "register", "transpile-only");
  const driver = path.join(__dirname, "pulumiAction.ts");
  const result = await spawn(process.execPath, ["-r", tsNode, driver, JSON.stringify(request)], request.workDir, {
    ...env,
    TS_NODE_PROJECT: path.join(repoRoot, "tsconfig.json"),
  });
  const action = result.exitCode === 0 ? (JSON.parse(result.stdout.trim().split("\n").pop()!) as PulumiActionResult) : undefined;
  return { step: "", exitCode: result.exitCode, output: result.stdout + result.stderr, action };
}

export async function replayJob(workflow: Workflow, jobName: string, event: GitHubEvent, context: ReplayContext): Promise<StepOutcome[]> {
  const job = workflow.jobs[jobName];
  if (!job) throw new Error(`the workflow has no job ${jobName}`);
  const expressions: ExpressionContext = { github: event, env: {}, secrets: context.secrets };
  for (const [name, value] of Object.entries(workflow.env ?? {})) expressions.env[name] = expand(String(value), expressions);
  if (expressions.env.STACK) expressions.env.STACK = context.localStackName(expressions.env.STACK);
  const firstAction = job.steps.findIndex((s) => s.uses?.startsWith("pulumi/actions@"));
  const preparation = JSON.stringify(job.steps.slice(0, Math.max(firstAction, 0)));
  if (context.prepared !== undefined && context.prepared !== preparation) {
    throw new Error(`replay: job ${jobName} prepares differently from the job replayed first in this checkout`);
  }
  const outcomes: StepOutcome[] = [];
  for (const [index, step] of job.steps.entries()) {
    if (context.prepared !== undefined && index < firstAction) continue;
    const env: NodeJS.ProcessEnv = { ...baseEnvironment(), CI: "true", GITHUB_ACTIONS: "true", ...npmSettings, ...expressions.env, ...context.env };
    for (const [name, value] of Object.entries(step.env ?? {})) env[name] = expand(String(value), expressions);
    const cwd = path.resolve(context.root, expand(step["working-directory"] ?? ".", expressions));
    let outcome: StepOutcome;
    if (step.run !== undefined) {
      outcome = { ...(await runScript(expand(step.run, expressions), cwd, env)), step: stepLabel(step) };
    } else if (step.uses?.startsWith("pulumi/actions@")) {
      const input = (name: string) => expand(String(step.with?.[name] ?? ""), expressions);
      const command = input("command");
      if (command !== "preview" && command !== "up") throw new Error(`replay: pulumi/actions command ${command} is not replayed`);
      const request: PulumiActionRequest = {
        command,
        workDir: path.resolve(context.root, input("work-dir") || "."),
        stackName: context.localStackName(input("stack-name")),
        refresh: input("refresh") === "true",
      };
      outcome = { ...(await runPulumiAction(request, env)), step: stepLabel(step) };
    } else if (step.uses?.startsWith("actions/checkout@")) {
      outcome = { step: stepLabel(step), exitCode: 0, output: "" };
    } else if (step.uses?.startsWith("actions/setup-node@")) {
      const wanted = Number(step.with?.["node-version"]);
      if (!(wanted >= 22)) throw new Error(`replay: setup-node asks for Node ${step.with?.["node-version"]}; the newest @pulumi/pulumi needs 22 or later`);
      outcome = { step: stepLabel(step), exitCode: 0, output: `node-version ${wanted}; replayed on ${process.version}` };
    } else {
      throw new Error(`replay: the step ${JSON.stringify(stepLabel(step))} is not known to tests/e2e/gitops/replay.ts`);
    }
    outcomes.push(outcome);
    if (outcome.exitCode !== 0) return outcomes;
    if (index === firstAction - 1) context.prepared = preparation;
  }
  return outcomes;
}
