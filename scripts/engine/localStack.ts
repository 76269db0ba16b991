/**
 * A stack on the real Pulumi engine, on this machine only: a file backend in a temp directory,
 * passphrase secrets, a PULUMI_HOME of its own, no update check and no plugin downloads. The
 * program is a project directory's index.ts run as an inline program (see inlineProgram.ts).
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { ConfigMap, LocalWorkspaceOptions, PulumiCommand, Stack } from "@pulumi/pulumi/automation";
import { hostCompileCacheEnv } from "./hostCompileCache";
import { inlineProgram, nodeRequire } from "./inlineProgram";
import { pulumiCli, type PulumiCli } from "./pulumiCli";

const repoRoot = path.resolve(__dirname, "..", "..");

export interface LocalStackOptions {
  /** The project directory: its Pulumi.yaml (name, config schema) and index.ts. */
  program: string;
  /** Default `dev`. */
  stackName?: string;
  /** Stack config; bare keys are the project's (`rotation` → `<project>:rotation`). */
  config?: Record<string, string>;
  /** Which of `config` are secret, as `pulumi config set --secret`. */
  secretConfig?: string[];
  /** Environment of the CLI and of the plugins it starts, on top of this process's (less NCLOUD_*). */
  env?: Record<string, string>;
  /** Reuse this backend directory (another stack object on the same state); default a new one. */
  backendDir?: string;
  /**
   * False for a caller that never reads the stack's outputs from the Automation API (up's
   * `outputs`, `stack.outputs()`): they are then `{}`, not read (see withoutOutputs). Default true.
   */
  readsOutputs?: boolean;
}

export interface LocalStack {
  stack: Stack;
  cli: PulumiCli;
  /** The file backend's directory: the state, checkpoints and history live here. */
  backendDir: string;
  /** The project directory the CLI and the dynamic-provider plugin run in. */
  workDir: string;
  /** The passphrase that encrypts this stack's secrets. */
  passphrase: string;
  /** Sets config, replacing the values of the keys given. */
  setConfig(config: Record<string, string>, secretKeys?: string[]): Promise<void>;
  /** Removes the work, home and (unless it was given) backend directories. */
  dispose(): void;
}

/**
 * Where the project runs: under the repository's git-ignored .pulumi-local/, so the dynamic-provider
 * plugin, started in this directory, resolves `@pulumi/pulumi` and `pulumi-ncloud-keys/handlers`
 * from the repository's node_modules, as it would from a user's project.
 */
function newWorkDir(program: string): string {
  const parent = path.join(repoRoot, ".pulumi-local");
  fs.mkdirSync(parent, { recursive: true });
  const dir = fs.mkdtempSync(path.join(parent, `${path.basename(program)}-`));
  // The project file as the user wrote it (its config schema is enforced by the CLI), less `main`,
  // which points at the program that the inline program replaces.
  const project = fs.readFileSync(path.join(program, "Pulumi.yaml"), "utf8").replace(/^main:.*\n/m, "");
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), project);
  return dir;
}

function projectName(program: string): string {
  const name = /^name:\s*(\S+)\s*$/m.exec(fs.readFileSync(path.join(program, "Pulumi.yaml"), "utf8"))?.[1];
  if (!name) throw new Error(`${program}/Pulumi.yaml has no name`);
  return name;
}

function toConfigMap(config: Record<string, string>, secretKeys: string[] = []): ConfigMap {
  return Object.fromEntries(Object.entries(config).map(([key, value]) => [key, { value, secret: secretKeys.includes(key) }]));
}

/**
 * The CLI inherits this process's environment (the Automation API merges process.env under the
 * variables it is given). NCLOUD_* from the caller's shell must not point a local run at a real
 * account, so they are removed from this process before the first run: from Node's own
 * process.env, which the Automation API (loaded with Node's require, see inlineProgram.ts) reads,
 * and from the `process.env` of this module, which under jest is a copy of it.
 */
export function dropNcloudEnvironment(): void {
  for (const env of [process.getBuiltinModule("node:process").env, process.env]) {
    for (const name of Object.keys(env)) if (name.startsWith("NCLOUD_")) delete env[name];
  }
}

/**
 * The environment of the CLI and the plugins it starts: the file backend, the passphrase, no update
 * check and no plugin downloads (a plugin must be installed or beside the CLI), then `env`.
 */
export function isolatedEnv(options: { backendDir: string; passphrase: string; cliBin: string; env?: Record<string, string> }): Record<string, string> {
  return {
    PULUMI_BACKEND_URL: `file://${options.backendDir}`,
    PULUMI_CONFIG_PASSPHRASE: options.passphrase,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    // pulumi-resource-pulumi-nodejs and pulumi-language-yaml sit beside the CLI; PATH makes that explicit.
    PATH: `${options.cliBin}${path.delimiter}${process.env.PATH ?? ""}`,
    ...options.env,
  };
}

type Automation = typeof import("@pulumi/pulumi/automation");

const commandsKey = Symbol.for("pulumi-ncloud-keys.pulumiCommands");

/**
 * The Automation API's handle on the CLI at `root` (`<root>/bin/pulumi`), once per process:
 * PulumiCommand.get runs `pulumi version` to check it (a CLI start, ~0.15 s CPU), and every stack
 * a test file opens asked again. Kept on Node's own process object, so the test files a jest worker
 * runs share it, as they share the Automation API (loaded with Node's require, see inlineProgram.ts).
 */
export function pulumiCommand(automation: Automation, root: string): Promise<PulumiCommand> {
  const nodeProcess = process.getBuiltinModule("node:process") as unknown as Record<symbol, Map<string, Promise<PulumiCommand>> | undefined>;
  const commands = (nodeProcess[commandsKey] ??= new Map());
  let command = commands.get(root);
  if (!command) {
    command = automation.PulumiCommand.get({ root });
    command.catch(() => commands.delete(root));
    commands.set(root, command);
  }
  return command;
}

/**
 * up, refresh and destroy return a summary, which the Automation API reads with `pulumi stack
 * history --show-secrets` unless told `showSecrets: false`: a CLI that derives the passphrase's key
 * (~0.2 s CPU) to show the config's secret values in the summary, which no caller reads. Here they
 * default to false; a caller that wants those values passes `showSecrets: true`.
 */
export function withSummariesWithoutSecrets(stack: Stack): Stack {
  const [up, refresh, destroy] = [stack.up.bind(stack), stack.refresh.bind(stack), stack.destroy.bind(stack)];
  stack.up = (opts) => up({ showSecrets: false, ...opts });
  stack.refresh = (opts) => refresh({ showSecrets: false, ...opts });
  stack.destroy = (opts) => destroy({ showSecrets: false, ...opts });
  return stack;
}

/**
 * The Automation API ends every up with two `pulumi stack output` runs, masked and with
 * --show-secrets (which derives the passphrase's key): ~0.5 s CPU for outputs that a test reading
 * only the state, the emulator or the summary never looks at. Such a stack's outputs are `{}`.
 */
function withoutOutputs(stack: Stack): Stack {
  stack.outputs = async () => ({});
  return stack;
}

export async function openLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const automation = nodeRequire("@pulumi/pulumi/automation") as Automation;
  const cli = pulumiCli();
  dropNcloudEnvironment();
  const workDir = newWorkDir(options.program);
  const pulumiHome = fs.mkdtempSync(path.join(os.tmpdir(), "ncloud-pulumi-home-"));
  const backendDir = options.backendDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "ncloud-pulumi-state-"));
  const passphrase = crypto.randomBytes(18).toString("base64url");
  const cliBin = path.dirname(cli.path);
  const workspace: LocalWorkspaceOptions = {
    workDir,
    pulumiHome,
    pulumiCommand: await pulumiCommand(automation, path.dirname(cliBin)),
    // The dynamic-provider host each operation starts uses the test run's compile cache, if any.
    envVars: isolatedEnv({ backendDir, passphrase, cliBin, env: { ...hostCompileCacheEnv(), ...options.env } }),
  };
  const args = { stackName: options.stackName ?? "dev", projectName: projectName(options.program), program: inlineProgram(options.program) };
  // On a backend made just now the stack cannot exist: createOrSelectStack would try `pulumi stack
  // select` first, a CLI start that always fails there.
  const opened = withSummariesWithoutSecrets(
    options.backendDir ? await automation.LocalWorkspace.createOrSelectStack(args, workspace) : await automation.LocalWorkspace.createStack(args, workspace),
  );
  const stack = options.readsOutputs === false ? withoutOutputs(opened) : opened;
  const setConfig = async (config: Record<string, string>, secretKeys?: string[]) => {
    await stack.setAllConfig(toConfigMap(config, secretKeys));
  };
  if (options.config) await setConfig(options.config, options.secretConfig);
  return {
    stack,
    cli,
    backendDir,
    workDir,
    passphrase,
    setConfig,
    dispose() {
      for (const dir of [workDir, pulumiHome, ...(options.backendDir ? [] : [backendDir])]) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
