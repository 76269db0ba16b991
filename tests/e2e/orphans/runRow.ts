import * as fs from "node:fs";
import * as path from "node:path";
import { openLocalStack } from "../../../scripts/engine/localStack";
import { readCheckpoint } from "../../../scripts/engine/stateScan";
import { NcloudClient } from "../../../sdk";
import { startEmulator } from "../../../sdk/emulator";
import { startFaultProxy } from "./faultProxy";
import type { Mode, Row } from "./rows";

export const SUB = "4e066e50-9c3a-11e7-8a66-1e5021fa7c80";
/** ncloud:timeoutMs in the matrix: a lost answer whose outcome is unknown costs one more of it. */
export const TIMEOUT_MS = 3000;
const PROGRAM = path.resolve(__dirname, "../programs/orphans");
const KEY_TYPE = "pulumi-nodejs:dynamic/ncloud:SubAccountAccessKey";

/** What one `pulumi up` under one row's faults left, and what its user saw. */
export interface RowResult {
  /** The up's error; undefined when it succeeded. */
  error?: string;
  /** Everything the user saw: the CLI's stdout and stderr (provider stderr included), and the error. */
  seen: string;
  /** Keys NCP holds afterwards. */
  live: string[];
  /** Keys Pulumi's state holds afterwards. */
  held: string[];
  /** Keys another writer made: one a minute before the up (unless the row leaves it out), and any made during it. */
  foreign: string[];
  /** The foreign keys made during the up: candidates the user must see named. */
  madeDuringUp: string[];
  /** What the proxy saw, for a failing row's message. */
  proxyLog: string[];
}

interface Checkpoint {
  checkpoint: { latest?: { resources?: Array<{ type: string; outputs?: { accessKey?: string } }> } };
}

function heldKeys(backendDir: string, stackName: string): string[] {
  const deployment = readCheckpoint(backendDir, "orphans", stackName) as Checkpoint;
  const resources = deployment.checkpoint.latest?.resources ?? [];
  return resources.filter((r) => r.type === KEY_TYPE && typeof r.outputs?.accessKey === "string").map((r) => r.outputs!.accessKey!);
}

let stacks = 0;

/**
 * The program, copied to a directory of its own for each row. Under jest, the inline program's
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

/** One `pulumi up` (the real CLI) of tests/e2e/programs/orphans under a row's faults. */
export async function runRow(row: Row, mode: Mode): Promise<RowResult> {
  const emulator = await startEmulator({ subAccounts: [SUB], maxActiveKeys: row.maxActiveKeys ?? 5 });
  const keys = emulator.state.subAccounts.get(SUB)!.keys;
  const foreign: string[] = [];
  if (!row.noOlderKey) {
    // Someone else's key, a minute old by NCP's clock: it must survive every row, exclusive or not.
    const older = "NCPEARLIERKEY0000001";
    keys.set(older, { accessKey: older, keySecret: "unused", active: true, createTime: new Date(Date.now() - 60_000).toISOString().replace(/\.\d+Z$/, "Z") });
    foreign.push(older);
  }
  /** Keys another writer made during the up; the user must see each named too. */
  const duringUp: string[] = [];
  const otherClient = new NcloudClient({ endpoint: emulator.url, accessKey: emulator.accessKey, secretKey: emulator.secretKey, env: {} });
  const otherWriter = async () => {
    const { accessKey } = await otherClient.subAccount.createAccessKey(SUB);
    foreign.push(accessKey);
    duringUp.push(accessKey);
  };
  const proxy = await startFaultProxy(emulator.url, row.plan(otherWriter));
  const stackName = `row${++stacks}-${mode}`;
  const program = programCopy();
  const local = await openLocalStack({
    program,
    stackName,
    config: {
      subAccountId: SUB,
      exclusive: String(mode === "exclusive"),
      active: String(row.active ?? true),
      "ncloud:accessKey": emulator.accessKey,
      "ncloud:secretKey": emulator.secretKey,
      "ncloud:apiUrl": proxy.url,
      "ncloud:timeoutMs": String(TIMEOUT_MS),
    },
    secretConfig: ["ncloud:secretKey"],
  });
  let seen = "";
  let error: string | undefined;
  try {
    await local.stack.up({ onOutput: (out) => (seen += out), onError: (err) => (seen += err) });
  } catch (failure) {
    error = String(failure);
    seen += `\n${error}`;
  }
  try {
    return { error, seen, live: emulator.state.liveKeys(SUB).map((k) => k.accessKey), held: heldKeys(local.backendDir, stackName), foreign, madeDuringUp: duringUp, proxyLog: proxy.log };
  } finally {
    local.dispose();
    fs.rmSync(program, { recursive: true, force: true });
    await otherClient.close();
    await proxy.close();
    await emulator.close();
  }
}
