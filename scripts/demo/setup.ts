/**
 * Everything the demo's steps share: the NCP emulator, the key-rotation stack on the real Pulumi
 * engine (scripts/engine), and someone with the account's own key who changes things behind
 * Pulumi's back. Product code only: nothing here comes from tests/.
 */
import * as path from "node:path";
import { NcloudClient } from "../../sdk";
import { startEmulator, type Emulator } from "../../sdk/emulator";
import { openLocalStack, type LocalStack } from "../engine/localStack";

export const SUB_ACCOUNT = "4e066e50-9c3a-11e7-8a66-1e5021fa7c80";
export const SERVICE_GROUP = "1531843";
export const PROJECT = "key-rotation";
export const STACK = "dev";
const program = path.resolve(__dirname, "..", "..", "examples", PROJECT);

export interface Demo {
  emulator: Emulator;
  local: LocalStack;
  /** The account owner acting outside Pulumi (as in the NCP console): signed calls through the SDK. */
  owner: NcloudClient;
  /** Every key secret NCP has handed out so far, and the account's own: none may reach the state. */
  secrets: Set<string>;
  /** Moves NCP's clock (create times) to `ms`; undefined puts it back on real time. */
  setNcpClock(ms: number | undefined): void;
  close(): Promise<void>;
}

export async function openDemo(): Promise<Demo> {
  // NCP's clock: real time until the "90 days later" step, then the instant the provider's
  // test-only clock says it is, so the new key is stamped then. The gateway keeps checking the
  // provider's real signing timestamps (gatewayNow), as NCP would 90 days on.
  let ncpNow: number | undefined;
  const emulator = await startEmulator({ now: () => ncpNow ?? Date.now(), gatewayNow: Date.now });
  let local: LocalStack;
  try {
    local = await openLocalStack({
      program,
      stackName: STACK,
      // Every key the program reads, set: the CLI refuses to run while a typed key of Pulumi.yaml
      // that has no default is unset. rotationDays starts at a year and is tightened in step 5.
      config: {
        subAccountId: SUB_ACCOUNT,
        serviceGroupInstanceNo: SERVICE_GROUP,
        rotation: "2026-06",
        rotationDays: "365",
        maxKeyAgeDays: "100",
        "ncloud:accessKey": emulator.accessKey,
        "ncloud:secretKey": emulator.secretKey,
        "ncloud:apiUrl": emulator.url,
      },
      secretConfig: ["ncloud:secretKey"],
    });
  } catch (error) {
    await emulator.close();
    throw error;
  }
  const owner = new NcloudClient({ endpoint: emulator.url, accessKey: emulator.accessKey, secretKey: emulator.secretKey, env: {} });
  return {
    emulator,
    local,
    owner,
    secrets: new Set([emulator.secretKey]),
    setNcpClock: (ms) => void (ncpNow = ms),
    async close() {
      await owner.close();
      local.dispose();
      await emulator.close();
    },
  };
}
