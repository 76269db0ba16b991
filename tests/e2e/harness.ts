/**
 * One emulator and one stack on the real Pulumi engine (scripts/engine/localStack), wired together:
 * the stack's `ncloud:*` config points at the emulator and carries its credentials, as a user's
 * `pulumi config set` would. Each test file opens one and reuses it for its cases.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../sdk/emulator";
import { openLocalStack, type LocalStack } from "../../scripts/engine/localStack";
import { readCheckpoint } from "../../scripts/engine/stateScan";

const repoRoot = path.resolve(__dirname, "..", "..");

/** A test-only program: tests/e2e/programs/<name>/ (Pulumi.yaml and index.ts). */
export const testProgram = (name: string): string => path.join(__dirname, "programs", name);
/** An example as shipped: examples/<name>/. */
export const example = (name: string): string => path.join(repoRoot, "examples", name);

/** The type tokens of our dynamic resources, as the engine writes them in state. */
export const TYPE = {
  subAccountAccessKey: "pulumi-nodejs:dynamic/ncloud:SubAccountAccessKey",
  searchSnapshotAuthKey: "pulumi-nodejs:dynamic/ncloud:SearchSnapshotAuthKey",
  stsCredentials: "pulumi-nodejs:dynamic/ncloud:StsCredentials",
  nsmlAuthKeys: "pulumi-nodejs:dynamic/ncloud:NsmlAuthKeys",
} as const;

/** A resource as the checkpoint holds it (the fields the tests read). */
export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  protect?: boolean;
  retainOnDelete?: boolean;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  pendingReplacement?: boolean;
  delete?: boolean;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface E2eStack extends LocalStack {
  emulator: Emulator;
  project: string;
  /** The checkpoint on disk, exactly as the file backend wrote it (secrets encrypted). */
  checkpoint(): unknown;
  /** The resources of the checkpoint, of one type when `type` is given. */
  resources(type?: string): StateResource[];
  /** The URN of `name` of `type` in this stack (it need not exist yet: for `--target`). */
  urn(type: string, name: string): string;
  /** `METHOD path` of every request the emulator received from index `from` on, GETs left out unless asked. */
  requestsSince(from: number, options?: { withReads?: boolean }): string[];
  /** Runs the CLI itself with the stack's environment, in its project directory; never throws. */
  runCli(args: string[]): Promise<CliResult>;
  /** Stops the emulator and removes the stack's directories. */
  close(): Promise<void>;
}

export interface E2eStackOptions {
  /** The project directory: `testProgram(name)` or `example(name)`. */
  program: string;
  /** The project's own config (bare keys). */
  config?: Record<string, string>;
  emulator?: EmulatorOptions;
  /** More environment for the CLI and its plugins. */
  env?: Record<string, string>;
  /** False when the test never reads the stack's outputs from the Automation API (see openLocalStack). */
  readsOutputs?: boolean;
  /**
   * Where the stack reaches NCP when not at the emulator itself (a gate or proxy in front of it),
   * started once the emulator is: `ncloud:apiUrl` is then set with the rest of the config, in one
   * `pulumi config set-all`.
   */
  apiUrl?: (emulator: Emulator) => Promise<string>;
}

/** The stack config that points a program at `emulator`, as `pulumi config set` (secrets with --secret). */
export function emulatorConfig(emulator: Emulator): { config: Record<string, string>; secretConfig: string[] } {
  return {
    config: {
      "ncloud:accessKey": emulator.accessKey,
      "ncloud:secretKey": emulator.secretKey,
      "ncloud:apiKey": emulator.apiKey,
      "ncloud:apiUrl": emulator.url,
    },
    secretConfig: ["ncloud:secretKey", "ncloud:apiKey"],
  };
}

export async function openE2eStack(options: E2eStackOptions): Promise<E2eStack> {
  const emulator = await startEmulator(options.emulator);
  let local: LocalStack;
  try {
    const credentials = emulatorConfig(emulator);
    const apiUrl: Record<string, string> = options.apiUrl ? { "ncloud:apiUrl": await options.apiUrl(emulator) } : {};
    local = await openLocalStack({
      program: options.program,
      config: { ...credentials.config, ...apiUrl, ...options.config },
      secretConfig: credentials.secretConfig,
      env: options.env,
      readsOutputs: options.readsOutputs,
    });
  } catch (error) {
    await emulator.close();
    throw error;
  }
  const project = /^name:\s*(\S+)\s*$/m.exec(fs.readFileSync(path.join(options.program, "Pulumi.yaml"), "utf8"))![1];
  const stackName = local.stack.name;
  const checkpoint = () => readCheckpoint(local.backendDir, project, stackName);
  return {
    ...local,
    emulator,
    project,
    checkpoint,
    resources(type) {
      const all = (checkpoint() as { checkpoint: { latest?: { resources?: StateResource[] } } }).checkpoint.latest?.resources ?? [];
      return type === undefined ? all : all.filter((r) => r.type === type);
    },
    urn: (type, name) => `urn:pulumi:${stackName}::${project}::${type}::${name}`,
    requestsSince(from, { withReads = false } = {}) {
      return emulator.requests
        .slice(from)
        .filter((r) => withReads || r.method !== "GET")
        .map((r) => `${r.method} ${r.path}`);
    },
    runCli: (args) => runCli(local, args),
    async close() {
      local.dispose();
      await emulator.close();
    },
  };
}

/**
 * The CLI with the environment the Automation API gives it (file backend, passphrase, PULUMI_HOME,
 * no plugin downloads), for commands the Automation API does not wrap as the user types them.
 */
function runCli(local: LocalStack, args: string[]): Promise<CliResult> {
  const workspace = local.stack.workspace as { envVars: Record<string, string>; pulumiHome?: string };
  const env = { ...process.env, ...workspace.envVars, PULUMI_HOME: workspace.pulumiHome ?? "" };
  return new Promise((resolve) => {
    execFile(local.cli.path, [...args, "--stack", local.stack.name, "--non-interactive"], { cwd: local.workDir, env, encoding: "utf8" }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * Runs an operation whose program is expected to throw (a refusal the program itself raises).
 * The program runs in this process, as an inline program, and Pulumi's runtime catches its error
 * through process-wide 'uncaughtException' and 'unhandledRejection' listeners, as in a language
 * host, and makes it the operation's failure. jest-circus listens on the same events and would fail
 * the test with that error besides, so its listeners are set aside for the operation and put back.
 */
export async function expectingProgramError<T>(operation: () => Promise<T>): Promise<T> {
  // Node's own process object: the `process` jest hands a test file is a copy.
  const nodeProcess: NodeJS.EventEmitter = process.getBuiltinModule("node:process");
  const saved = ["uncaughtException", "unhandledRejection"].map((event) => ({ event, listeners: nodeProcess.listeners(event) }));
  for (const { event, listeners } of saved) for (const listener of listeners) nodeProcess.removeListener(event, listener as (...args: unknown[]) => void);
  try {
    return await operation();
  } finally {
    for (const { event, listeners } of saved) for (const listener of listeners) nodeProcess.on(event, listener as (...args: unknown[]) => void);
  }
}
