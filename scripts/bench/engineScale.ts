import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import * as pulumi from "@pulumi/pulumi";
import { dynamicProvider } from "../../provider/dynamicProvider";
import { startEmulator, type Emulator } from "../../sdk/emulator";
import { openLocalStack } from "../engine/localStack";
import { noopProvider } from "./programs/noop-floor/noopProvider";
import { cpuSeconds } from "./stats";

/**
 * The engine rows: `pulumi preview`, `up` and `refresh` of 200 SubAccountAccessKeys over 20 sub
 * accounts through the real CLI (scripts/engine: an inline program on a file backend), each beside
 * the same program on a dynamic provider that does nothing (programs/noop-floor: the engine's own
 * floor), in the same run; and `up` of that floor with its provider text padded to the length of
 * ours, so the state is as large (what state size costs the engine, apart from our handlers).
 * Each run makes a new stack of each program, one after another, the order rotated every run, so
 * load drifting on the machine hits all alike.
 */
export const ENGINE_SUB_ACCOUNTS = 20;
export const ENGINE_KEYS_PER_ACCOUNT = 10;
const PREFIX = "bench-engine";
const subAccountIds = Array.from({ length: ENGINE_SUB_ACCOUNTS }, (_, s) => `${PREFIX}-${s}`);

export type Command = "preview" | "up" | "refresh";

/** One command: wall time from the Automation API call to its result (the CLI's whole run), and CPU. */
export interface CommandCost {
  seconds: number;
  /** CPU of the CLI and the plugins it ran (they have exited by the end of the command). */
  cliCpu: number;
  /** CPU of this process: the inline program's language runtime and the emulator. */
  benchCpu: number;
}

export interface SideResult {
  costs: Partial<Record<Command, CommandCost>>;
  /** Size of the checkpoint after `up`, bytes. */
  stateBytes: number;
}

export interface EngineRun {
  ours: SideResult;
  floor: SideResult;
  /** The floor with its `__provider` text as long as ours: `up` only. */
  sizedFloor: SideResult;
  /** Requests during `preview` (none should reach NCP). */
  previewRequests: number;
  /** Keys the emulator holds after `up`, and the requests `up` sent, by method. */
  created: number;
  upRequests: Record<string, number>;
  /** During `refresh`: list requests per sub account, and every other request. */
  refreshLists: number[];
  refreshOther: string[];
}

export interface EngineScaleResult {
  subAccounts: number;
  resources: number;
  /** `__provider` text lengths: ours, the floor's, and the padding that makes them equal. */
  providerText: { ours: number; floor: number; padding: number };
  runs: EngineRun[];
  error?: string;
}

const programs = path.resolve(__dirname, "programs");

async function serializedLength(provider: pulumi.dynamic.ResourceProvider): Promise<number> {
  const { text } = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
  return text.length;
}

async function cost(work: () => Promise<unknown>): Promise<CommandCost> {
  const cpu = cpuSeconds();
  const started = performance.now();
  await work();
  const seconds = (performance.now() - started) / 1000;
  const after = cpuSeconds();
  return { seconds, cliCpu: after.children - cpu.children, benchCpu: after.self - cpu.self };
}

interface SideOptions {
  program: "keys" | "noop-floor";
  commands: Command[];
  config: Record<string, string>;
  /** Marks where each command's requests start in the emulator's log. */
  emulator?: Emulator;
  marks?: Partial<Record<Command, number>>;
}

/** The commands, in order, on a new stack of the program. */
async function measureSide(options: SideOptions): Promise<SideResult> {
  const project = options.program === "keys" ? "bench-keys" : "bench-noop-floor";
  const local = await openLocalStack({
    program: path.join(programs, options.program),
    config: {
      subAccountPrefix: PREFIX,
      subAccounts: String(ENGINE_SUB_ACCOUNTS),
      keysPerAccount: String(ENGINE_KEYS_PER_ACCOUNT),
      ...options.config,
    },
    secretConfig: ["ncloud:secretKey"],
  });
  const result: SideResult = { costs: {}, stateBytes: 0 };
  try {
    for (const command of options.commands) {
      if (options.marks && options.emulator) options.marks[command] = options.emulator.requests.length;
      result.costs[command] = await cost(() => local.stack[command]());
      if (command === "up") result.stateBytes = fs.statSync(path.join(local.backendDir, ".pulumi", "stacks", project, "dev.json")).size;
    }
    return result;
  } finally {
    local.dispose();
  }
}

async function measureRun(run: number, padding: number): Promise<EngineRun> {
  // No quota, and room for every key: the rows measure the engine and the provider, not throttling.
  const emulator = await startEmulator({ subAccounts: subAccountIds, maxActiveKeys: ENGINE_KEYS_PER_ACCOUNT });
  try {
    const marks: Partial<Record<Command, number>> = {};
    const all: Command[] = ["preview", "up", "refresh"];
    const ncloud = { "ncloud:accessKey": emulator.accessKey, "ncloud:secretKey": emulator.secretKey, "ncloud:apiUrl": emulator.url };
    const sides = {
      ours: () => measureSide({ program: "keys", commands: all, config: ncloud, emulator, marks }),
      floor: () => measureSide({ program: "noop-floor", commands: all, config: {} }),
      sizedFloor: () => measureSide({ program: "noop-floor", commands: ["up"], config: { providerTextPadding: String(padding) } }),
    };
    const order = (["ours", "floor", "sizedFloor"] as const).map((_, i, names) => names[(i + run) % names.length]);
    const results: Partial<Record<keyof typeof sides, SideResult>> = {};
    for (const name of order) results[name] = await sides[name]();

    const log = emulator.requests;
    const upRequests: Record<string, number> = {};
    for (const r of log.slice(marks.up, marks.refresh)) upRequests[r.method] = (upRequests[r.method] ?? 0) + 1;
    const listOf = (id: string) => `GET /api/v1/sub-accounts/${id}/access-keys`;
    const lists = new Set(subAccountIds.map(listOf));
    const refresh = log.slice(marks.refresh).map((r) => `${r.method} ${r.path}`);
    return {
      ours: results.ours!,
      floor: results.floor!,
      sizedFloor: results.sizedFloor!,
      previewRequests: (marks.up ?? 0) - (marks.preview ?? 0),
      created: subAccountIds.reduce((n, id) => n + emulator.state.liveKeys(id).length, 0),
      upRequests,
      refreshLists: subAccountIds.map((id) => refresh.filter((r) => r === listOf(id)).length),
      refreshOther: refresh.filter((r) => !lists.has(r)),
    };
  } finally {
    await emulator.close();
  }
}

/** `runs` runs; stops at the first failure and reports it with the runs made. */
export async function benchEngineScale(runs: number, say: (what: string) => void): Promise<EngineScaleResult> {
  const ours = await serializedLength(dynamicProvider("subAccountAccessKey"));
  const floor = await serializedLength(noopProvider(""));
  const result: EngineScaleResult = {
    subAccounts: ENGINE_SUB_ACCOUNTS,
    resources: ENGINE_SUB_ACCOUNTS * ENGINE_KEYS_PER_ACCOUNT,
    providerText: { ours, floor, padding: Math.max(0, ours - floor) },
    runs: [],
  };
  for (let i = 0; i < runs; i++) {
    say(`engine run ${i + 1} of ${runs}: ${result.resources} keys, the no-op floor, the floor sized like ours`);
    try {
      result.runs.push(await measureRun(i, result.providerText.padding));
    } catch (error) {
      result.error = (error instanceof Error ? error.message : String(error)).split("\n")[0].slice(0, 300);
      break;
    }
  }
  return result;
}
