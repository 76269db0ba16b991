import * as fs from "node:fs";
import * as path from "node:path";
import { openLocalStack } from "../../../scripts/engine/localStack";
import { readCheckpoint } from "../../../scripts/engine/stateScan";
import { NcloudClient } from "../../../sdk";
import { startEmulator } from "../../../sdk/emulator";
import { type FaultPlan, startFaultProxy } from "./faultProxy";
import type { Mode, Row } from "./rows";

/** ncloud:timeoutMs in the matrix: a lost answer whose outcome is unknown costs one more of it. */
export const TIMEOUT_MS = 3000;
/** Active keys NCP allows per sub account in the matrix: room for the orphans of several attempts. */
const MAX_ACTIVE_KEYS = 5;
const PROGRAM = path.resolve(__dirname, "../programs/orphans");
const KEY_TYPE = "pulumi-nodejs:dynamic/ncloud:SubAccountAccessKey";

/** What one row left after its group's `pulumi up`, and what the user saw. */
export interface RowResult {
  subAccountId: string;
  /** Everything the user saw of the whole up: the CLI's stdout and stderr (provider stderr included), and its error. */
  seen: string;
  /** Keys NCP holds on the row's sub account afterwards. */
  live: string[];
  /** Keys Pulumi's state holds on it afterwards. */
  held: string[];
  /** Keys another writer made on it: the older ones, and any made during the up. */
  foreign: string[];
  /** The foreign keys made during the up: candidates the user must see named. */
  madeDuringUp: string[];
  /** What the proxy saw on the row's sub account, for a failing row's message. */
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
 * SubAccountAccessKey per row, each on a sub account of its own behind the fault proxy.
 */
export async function runGroup(rows: readonly Row[], mode: Mode, dateOffsetMs = 0): Promise<Map<Row, RowResult>> {
  const subOf = new Map(rows.map((row, i) => [row, `orphans-row-${String(i + 1).padStart(2, "0")}`]));
  const emulator = await startEmulator({ subAccounts: [...subOf.values()], maxActiveKeys: MAX_ACTIVE_KEYS });
  const otherClient = new NcloudClient({ endpoint: emulator.url, accessKey: emulator.accessKey, secretKey: emulator.secretKey, env: {} });
  const foreign = new Map<Row, string[]>();
  const duringUp = new Map<Row, string[]>();
  const plans = new Map<string, FaultPlan>();
  for (const [row, sub] of subOf) {
    const keys = emulator.state.subAccounts.get(sub)!.keys;
    const older = Array.from({ length: row.noOlderKey ? 0 : (row.olderKeys ?? 1) }, (_, i) => `NCPEARLIERKEY${String(i + 1).padStart(7, "0")}`);
    // Someone else's keys, a minute old by NCP's clock: they must survive every row, exclusive or not.
    for (const accessKey of older) keys.set(accessKey, { accessKey, keySecret: "unused", active: true, createTime: minuteAgo() });
    foreign.set(row, older);
    duringUp.set(row, []);
    plans.set(
      sub,
      row.plan(async () => {
        const { accessKey } = await otherClient.subAccount.createAccessKey(sub);
        foreign.get(row)!.push(accessKey);
        duringUp.get(row)!.push(accessKey);
      }),
    );
  }
  const proxy = await startFaultProxy(emulator.url, plans, dateOffsetMs);
  const program = programCopy();
  const stackName = `up${++ups}-${mode}`;
  const specs = rows.map((row) => ({ name: `key-${subOf.get(row)}`, subAccountId: subOf.get(row), exclusive: mode === "exclusive", active: row.active ?? true }));
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
    await local.stack.up({ continueOnError: true, onOutput: (out) => (seen += out), onError: (err) => (seen += err) });
  } catch (failure) {
    seen += `\n${String(failure)}`;
  }
  try {
    const held = heldBySubAccount(local.backendDir, stackName);
    const results = new Map<Row, RowResult>();
    for (const [row, sub] of subOf) {
      const live = emulator.state.liveKeys(sub).map((k) => k.accessKey);
      results.set(row, { subAccountId: sub, seen, live, held: held.get(sub) ?? [], foreign: foreign.get(row)!, madeDuringUp: duringUp.get(row)!, proxyLog: proxy.log.get(sub)! });
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
