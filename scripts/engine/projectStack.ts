/**
 * A stack of a project directory that the CLI runs with the project's own language host (a
 * `runtime: yaml` project: the YAML host sits beside the CLI, see scripts/pulumi-cli/find-or-build),
 * on this machine only, isolated as ./localStack's stacks are: a file backend in a temp directory,
 * passphrase secrets, a PULUMI_HOME of its own, no update check and no plugin downloads.
 *
 * The project is copied to a temp directory outside this repository, so nothing the CLI or a plugin
 * runs there can find this repository's node_modules; plugins are installed into the stack's own
 * PULUMI_HOME from their files, as a user installs them.
 */
import { execFile } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { ConfigMap, Stack } from "@pulumi/pulumi/automation";
import { nodeRequire } from "./inlineProgram";
import { dropNcloudEnvironment, isolatedEnv, pulumiCommand, withSummariesWithoutSecrets } from "./localStack";
import { pulumiCli, type PulumiCli } from "./pulumiCli";

export interface PluginFile {
  kind: "resource";
  name: string;
  version: string;
  /** The plugin's tarball, for `pulumi plugin install <kind> <name> <version> --file`. */
  file: string;
}

export interface ProjectStackOptions {
  /** The project directory (its Pulumi.yaml and whatever its runtime reads). */
  project: string;
  /** Default `dev`. */
  stackName?: string;
  /** Stack config, as `pulumi config set`; bare keys are the project's. */
  config?: Record<string, string>;
  /** Which of `config` are secret, as `pulumi config set --secret`. */
  secretConfig?: string[];
  /** Environment of the CLI and the plugins it starts, on top of this process's (less NCLOUD_*). */
  env?: Record<string, string>;
  /** Installed into the stack's PULUMI_HOME before anything runs. */
  plugins?: PluginFile[];
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface ProjectStack {
  stack: Stack;
  cli: PulumiCli;
  backendDir: string;
  /** The copy of the project the CLI runs in. */
  workDir: string;
  pulumiHome: string;
  passphrase: string;
  setConfig(config: Record<string, string>, secretKeys?: string[]): Promise<void>;
  /** The CLI itself, in the project, with the stack's environment; never throws. */
  runCli(args: string[], options?: { withStack?: boolean }): Promise<CliResult>;
  dispose(): void;
}

/** Every PATH entry but the node_modules/.bin directories npm and jest put there. */
function pathWithoutNodeModules(): string {
  return (process.env.PATH ?? "")
    .split(path.delimiter)
    .filter((dir) => !dir.split(path.sep).includes("node_modules"))
    .join(path.delimiter);
}

function projectName(project: string): string {
  const name = /^name:\s*(\S+)\s*$/m.exec(fs.readFileSync(path.join(project, "Pulumi.yaml"), "utf8"))?.[1];
  if (!name) throw new Error(`${project}/Pulumi.yaml has no name`);
  return name;
}

function toConfigMap(config: Record<string, string>, secretKeys: string[] = []): ConfigMap {
  return Object.fromEntries(Object.entries(config).map(([key, value]) => [key, { value, secret: secretKeys.includes(key) }]));
}

export async function openProjectStack(options: ProjectStackOptions): Promise<ProjectStack> {
  const automation = nodeRequire("@pulumi/pulumi/automation") as typeof import("@pulumi/pulumi/automation");
  const cli = pulumiCli();
  dropNcloudEnvironment();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `ncloud-${projectName(options.project)}-`));
  const workDir = path.join(root, "project");
  const pulumiHome = path.join(root, "pulumi-home");
  const backendDir = path.join(root, "state");
  for (const dir of [pulumiHome, backendDir]) fs.mkdirSync(dir);
  fs.cpSync(options.project, workDir, { recursive: true, filter: (source) => !/Pulumi\.[^/]+\.yaml$/.test(source) });
  const passphrase = crypto.randomBytes(18).toString("base64url");
  const envVars = isolatedEnv({
    backendDir,
    passphrase,
    cliBin: path.dirname(cli.path),
    env: { PATH: `${path.dirname(cli.path)}${path.delimiter}${pathWithoutNodeModules()}`, ...options.env },
  });
  // The backend is new: the stack is created, never selected (see openLocalStack).
  const stack = withSummariesWithoutSecrets(
    await automation.LocalWorkspace.createStack(
      { stackName: options.stackName ?? "dev", workDir },
      { workDir, pulumiHome, envVars, pulumiCommand: await pulumiCommand(automation, path.dirname(path.dirname(cli.path))) },
    ),
  );

  const runCli = (args: string[], { withStack = true } = {}): Promise<CliResult> => {
    const workspace = stack.workspace as { envVars: Record<string, string> };
    const env = { ...process.env, ...workspace.envVars, PULUMI_HOME: pulumiHome };
    const full = withStack ? [...args, "--stack", stack.name, "--non-interactive"] : [...args, "--non-interactive"];
    return new Promise((resolve) => {
      execFile(cli.path, full, { cwd: workDir, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
      });
    });
  };
  const dispose = () => fs.rmSync(root, { recursive: true, force: true });
  try {
    for (const plugin of options.plugins ?? []) {
      const installed = await runCli(["plugin", "install", plugin.kind, plugin.name, plugin.version, "--file", plugin.file], { withStack: false });
      if (installed.code !== 0) throw new Error(`pulumi plugin install ${plugin.kind} ${plugin.name} ${plugin.version} failed: ${installed.stderr}`);
    }
    const setConfig = async (config: Record<string, string>, secretKeys?: string[]) => {
      await stack.setAllConfig(toConfigMap(config, secretKeys));
    };
    if (options.config) await setConfig(options.config, options.secretConfig);
    return { stack, cli, backendDir, workDir, pulumiHome, passphrase, setConfig, runCli, dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}
