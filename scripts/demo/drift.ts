/**
 * Step 3: drift. The account owner changes the key outside Pulumi (a signed call, as the NCP
 * console makes); `pulumi refresh` shows it without changing anything at NCP, and the next
 * `pulumi up` puts things back as the program says.
 */
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { checkOneKeyHeld, checkState, checkWrites, typesInState, WRITES } from "./checks";
import { check, describeChanges, heading, note } from "./report";
import { SUB_ACCOUNT, type Demo } from "./setup";

const KEY_TYPE = "pulumi-nodejs:dynamic/ncloud:SubAccountAccessKey";

/** Runs `pulumi refresh`; returns what the engine did to the key (`update`, `delete`, …) and its new `active`. */
async function refresh(demo: Demo): Promise<{ op?: string; active?: unknown }> {
  const before = demo.emulator.requests.length;
  const events: EngineEvent[] = [];
  const result = await demo.local.stack.refresh({ onEvent: (event) => events.push(event) });
  note(`changes: ${describeChanges(result.summary.resourceChanges)}`);
  // The line the user reads, e.g. `~ …SubAccountAccessKey search-snapshots updated (0.17s) [diff: ~active]`.
  for (const line of result.stdout.split("\n").filter((l) => l.includes("SubAccountAccessKey") && /updated|deleted/.test(l))) note(line.trim());
  checkWrites(demo, before, [], "refresh only read: nothing written to NCP");
  const key = events.map((e) => e.resOutputsEvent?.metadata).find((m) => m?.type === KEY_TYPE);
  return { op: key?.op, active: key?.new?.outputs?.active };
}

/** Returns the key the stack holds afterwards. */
export async function driftDeactivated(demo: Demo, accessKey: string): Promise<string> {
  heading("pulumi refresh", `after the key ${accessKey} was deactivated behind Pulumi's back`);
  await demo.owner.subAccount.setAccessKeyActive(SUB_ACCOUNT, accessKey, false);
  const seen = await refresh(demo);
  check(seen.op === "update" && seen.active === false, `the drift is shown: the key is updated in the state to active: false (op: ${seen.op ?? "none"})`);
  checkState(demo, true);

  heading("pulumi up", "puts the drift right: the key is active again");
  const before = demo.emulator.requests.length;
  const result = await demo.local.stack.up();
  note(`changes: ${describeChanges(result.summary.resourceChanges)}`);
  checkWrites(demo, before, [WRITES.SET_ACTIVE], "one call: the same key activated again");
  check(result.outputs.accessKey?.value === accessKey, "the stack keeps the same key");
  checkOneKeyHeld(demo, accessKey);
  checkState(demo, true);
  return accessKey;
}

/** Returns the key the stack holds afterwards: a new one. */
export async function driftDeleted(demo: Demo, accessKey: string): Promise<string> {
  heading("pulumi refresh", `after the key ${accessKey} was deleted behind Pulumi's back`);
  await demo.owner.subAccount.deleteAccessKey(SUB_ACCOUNT, accessKey);
  const seen = await refresh(demo);
  check(seen.op === "delete", `the drift is shown: the key is deleted from the state (op: ${seen.op ?? "none"})`);
  check(!typesInState(demo).includes(KEY_TYPE), "the state holds no SubAccountAccessKey any more");
  checkState(demo, true);

  heading("pulumi up", "puts the drift right: a new key, handed to the service group");
  const before = demo.emulator.requests.length;
  const result = await demo.local.stack.up();
  const created = String(result.outputs.accessKey?.value);
  note(`changes: ${describeChanges(result.summary.resourceChanges)}; accessKey ${created}`);
  check(created !== accessKey, "the stack holds a new key");
  checkWrites(demo, before, [WRITES.CREATE_KEY, WRITES.HAND_OVER], "a key created, then handed to the service group");
  checkOneKeyHeld(demo, created);
  checkState(demo, true);
  return created;
}
