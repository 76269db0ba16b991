/**
 * Runs an example through the local runner against a fresh emulator, in a temp dir of its own.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../sdk/emulator";
import { destroy, up, type RunOptions, type RunResult } from "../engine/runner";

export const repoRoot = path.resolve(__dirname, "..", "..");
export const SUB_ACCOUNT = "4e066e50-9c3a-11e7-8a66-1e5021fa7c80";
export const SERVICE_GROUP = "1531843";

export interface ExampleRun {
  emulator: Emulator;
  stateFile: string;
  /** Every line the runner printed. */
  printed: string[];
  /** Everything the provider host printed, one entry per run (debug logging is on: NCLOUD_DEBUG=1). */
  hostOutputs: string[];
  /** `hostEnv` adds variables for this run's provider host (e.g. the test-only rotation clock). */
  up(config?: Record<string, string>, hostEnv?: Record<string, string>): Promise<RunResult>;
  destroy(): Promise<RunResult>;
  close(): Promise<void>;
}

/** `example` is the folder under examples/; `config` the project's own stack config. */
export async function exampleRun(example: string, config: Record<string, string>, emulatorOptions: EmulatorOptions = {}): Promise<ExampleRun> {
  const emulator = await startEmulator(emulatorOptions);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ncloud-example-${example}-`));
  const stateFile = path.join(dir, "state.json");
  const printed: string[] = [];
  const hostOutputs: string[] = [];
  const base = (extra: Record<string, string>, extraHostEnv: Record<string, string> = {}): RunOptions => ({
    program: path.join(repoRoot, "examples", example),
    stateFile,
    config: {
      ...config,
      "ncloud:accessKey": emulator.accessKey,
      "ncloud:secretKey": emulator.secretKey,
      "ncloud:apiKey": emulator.apiKey,
      "ncloud:apiUrl": emulator.url,
      ...extra,
    },
    secretConfig: ["ncloud:secretKey", "ncloud:apiKey"],
    // No NCLOUD_* from the developer's shell: the stack config alone must be enough.
    hostEnv: { PATH: process.env.PATH ?? "", NCLOUD_DEBUG: "1", ...extraHostEnv },
    log: (line) => printed.push(line),
    hostOutput: (text) => hostOutputs.push(text),
  });
  return {
    emulator,
    stateFile,
    printed,
    hostOutputs,
    up: (extra = {}, hostEnv = {}) => up(base(extra, hostEnv)),
    destroy: () => destroy(base({})),
    async close() {
      await emulator.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The state file and its key: the first must not contain `needle`. */
export function stateFileText(run: ExampleRun): string {
  return fs.readFileSync(run.stateFile, "utf8");
}
