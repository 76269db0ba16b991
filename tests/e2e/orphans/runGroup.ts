import * as fs from "node:fs";
import * as path from "node:path";
import { openLocalStack } from "../../../scripts/engine/localStack";
import { readCheckpoint } from "../../../scripts/engine/stateScan";
import { NcloudClient } from "../../../sdk";
import { startEmulator } from "../../../sdk/emulator";
import { type FaultPlan, startFaultProxy } from "./faultProxy";
import type { Mode, Row } from "./rows";

/** One row of the matrix in one mode: a key on a sub account of its own. */
export interface Entry {
  row: Row;
  mode: Mode;
}

/** ncloud:timeoutMs in the matrix: a lost answer whose outcome is unknown costs one more of it. */
export const TIMEOUT_MS = 3000;
/** Active keys NCP allows per sub account in the matrix: room for the orphans of several attempts. */
const MAX_ACTIVE_KEYS = 5;
const PROGRAM = path.resolve(__dirname, "../programs/orphans");
const KEY_TYPE = "pulumi-nodejs:dynamic/ncloud:SubAccountAccessKey";

/** What one entry left after its group's `pulumi up`, and what the user saw. */
export interface RowResult {
  subAccountId: string;
  /** Everything the user saw of the whole up: the CLI's stdout and stderr (provider stderr included), and its error. */
  seen: string;
  /** Keys NCP holds on the entry's sub account afterwards. */
  live: string[];
  /** Keys Pulumi's state holds on it afterwards. */
  held: string[];
  /** Keys another writer made on it: the older ones, and any made during the up. */
  foreign: string[];
  /** The foreign keys made during the up: candidates the user must see named. */
  madeDuringUp: string[];
  /** What the proxy saw on the entry's sub account, for a failing row's message. */
  proxyLog: string[];
}

interface Checkpoint {
  checkpoint: { latest?: { resources?: Array<{ type: string; outputs?: { accessKey?: string; subAccountId?: string } }> } };
}

function heldBySubAccount(backendDir: string, stackName: string): Map<string, string[]> {
  const deployment = readCheckpoint(backendDir, "orphans", stackName) as Checkpoint;
  const held = new Map<string, string[]>();
  for (const r of deployment.checkpoint.latest?.resources ?? []) {
    const { accessKey, subAccountId } = r.outputs ?? {};
    if (r.type !== KEY_TYPE || accessKey === undefined || subAccountId === undefined) continue;
    held.set(subAccountId, [...(held.get(subAccountId) ?? []), accessKey]);
  }
  return held;
}

/**
 * The program, copied to a directory of its own for each up. Under jest, the inline program's
 * require is jest's (createRequire is jest's too), whose module registry scripts/engine/inlineProgram
 * cannot clear: a second `up` of the same index.ts would get the first run's exports and register
 * nothing. A new path is a new module.
 */
function programCopy(): string {
  const parent = path.resolve(__dirname, "../../../.pulumi-local");
  fs.mkdirSync(parent, { recursive: true });
  const dir = fs.mkdtempSync(path.join(parent, "orphans-program-"));
  for (const file of ["Pulumi.yaml", "index.ts"]) fs.copyFileSync(path.join(PROGRAM, file), path.join(dir, file));
  return dir;
}

const minuteAgo = () => new Date(Date.now() - 60_000).toISOString().replace(/\.\d+Z$/, "Z");
let ups = 0;

/**
 * One `pulumi up` (the real CLI, `--continue-on-error`) of tests/e2e/programs/orphans with one
 * SubAccountAccessKey per entry, each on a sub account of its own behind the fault proxy, all of
 * them side by side: their waits (a timeout, the last look's extra timeout) overlap.
 */
export async function runGroup(entries: readonly Entry[], dateOffsetMs = 0): Promise<Map<Entry, RowResult>> {
  const subOf = new Map(entries.map((entry, i) => [entry, `orphans-${entry.mode}-${String(i + 1).padStart(2, "0")}`]));
  const emulator = await startEmulator({ subAccounts: [...subOf.values()], maxActiveKeys: MAX_ACTIVE_KEYS });
  const otherClient = new NcloudClient({ endpoint: emulator.url, accessKey: emulator.accessKey, secretKey: emulator.secretKey, env: {} });
  const foreign = new Map<Entry, string[]>();
  const duringUp = new Map<Entry, string[]>();
  const plans = new Map<string, FaultPlan>();
  for (const [entry, sub] of subOf) {
    const { row } = entry;
    const keys = emulator.state.subAccounts.get(sub)!.keys;
    const older = Array.from({ length: row.noOlderKey ? 0 : (row.olderKeys ?? 1) }, (_, i) => `NCPEARLIERKEY${String(i + 1).padStart(7, "0")}`);
    // Someone else's keys, a minute old by NCP's clock: they must survive every row, exclusive or not.
    for (const accessKey of older) keys.set(accessKey, { accessKey, keySecret: "unused", active: true, createTime: minuteAgo() });
    foreign.set(entry, older);
    duringUp.set(entry, []);
    plans.set(
      sub,
      row.plan(async () => {
        const { accessKey } = await otherClient.subAccount.createAccessKey(sub);
        foreign.get(entry)!.push(accessKey);
        duringUp.get(entry)!.push(accessKey);
      }),
    );
  }
  const proxy = await startFaultProxy(emulator.url, plans, dateOffsetMs);
  const program = programCopy();
  const stackName = `up${++ups}`;
  const specs = entries.map((entry) => ({ name: `key-${subOf.get(entry)}`, subAccountId: subOf.get(entry), exclusive: entry.mode === "exclusive", active: entry.row.active ?? true }));
  const local = await openLocalStack({
    program,
    stackName,
    config: {
      keys: JSON.stringify(specs),
      "ncloud:accessKey": emulator.accessKey,
      "ncloud:secretKey": emulator.secretKey,
      "ncloud:apiUrl": proxy.url,
      "ncloud:timeoutMs": String(TIMEOUT_MS),
    },
    secretConfig: ["ncloud:secretKey"],
    readsOutputs: false, // the results are the state's, NCP's and the output printed
  });
  let seen = "";
  try {
    // More than the engine's default parallelism (4 per core): every key at once.
    await local.stack.up({ continueOnError: true, parallel: entries.length, onOutput: (out) => (seen += out), onError: (err) => (seen += err) });
  } catch (failure) {
    seen += `\n${String(failure)}`;
  }
  try {
    const held = heldBySubAccount(local.backendDir, stackName);
    const results = new Map<Entry, RowResult>();
    for (const [entry, sub] of subOf) {
      const live = emulator.state.liveKeys(sub).map((k) => k.accessKey);
      results.set(entry, { subAccountId: sub, seen, live, held: held.get(sub) ?? [], foreign: foreign.get(entry)!, madeDuringUp: duringUp.get(entry)!, proxyLog: proxy.log.get(sub)! });
    }
    return results;
  } finally {
    local.dispose();
    fs.rmSync(program, { recursive: true, force: true });
    await otherClient.close();
    await proxy.close();
    await emulator.close();
  }
}
