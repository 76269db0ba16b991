/**
 * Steps 4 and 5: rotation by keepers (a new `rotation` value) and by age (`rotationDays`).
 * A rotation is create-before-delete: the new key is created, the service group switched to it,
 * and only then the old key deleted, so snapshots never run with a dead key.
 */
import { TEST_CLOCK_VARIABLE } from "../../provider/handlers/rotation";
import { checkOneKeyHeld, checkState, checkWrites, WRITES } from "./checks";
import { check, describeChanges, heading, note } from "./report";
import { SUB_ACCOUNT, type Demo } from "./setup";

const DAY_MS = 86_400_000;
const NO_GAP = [WRITES.CREATE_KEY, WRITES.HAND_OVER, WRITES.DELETE_KEY];

/** Runs `pulumi up`, checks the rotation happened with no gap, and returns the new key. */
async function rotatingUp(demo: Demo, oldKey: string): Promise<{ accessKey: string; rotatesAt: string }> {
  const before = demo.emulator.requests.length;
  const result = await demo.local.stack.up();
  const accessKey = String(result.outputs.accessKey?.value);
  const rotatesAt = String(result.outputs.rotatesAt?.value);
  note(`changes: ${describeChanges(result.summary.resourceChanges)}; accessKey ${accessKey}`);
  check(accessKey !== oldKey, `a new key replaced ${oldKey}`);
  checkWrites(demo, before, NO_GAP, "no gap: the new key created, then handed to the service group, then the old key deleted");
  checkOneKeyHeld(demo, accessKey);
  checkState(demo, true);
  return { accessKey, rotatesAt };
}

export async function rotateByKeepers(demo: Demo, accessKey: string): Promise<string> {
  heading("pulumi config set rotation 2026-07 && pulumi up", "a new keepers value: the key rotates now");
  await demo.local.setConfig({ rotation: "2026-07" });
  return (await rotatingUp(demo, accessKey)).accessKey;
}

export async function rotateByAge(demo: Demo, accessKey: string): Promise<string> {
  heading("pulumi config set rotationDays 90 && pulumi up", "the key is young: it stays, and only rotatesAt moves");
  await demo.local.setConfig({ rotationDays: "90" });
  const before = demo.emulator.requests.length;
  const young = await demo.local.stack.up();
  const createTime = demo.emulator.state.liveKeys(SUB_ACCOUNT)[0]?.createTime ?? "";
  const due = new Date(Date.parse(createTime) + 90 * DAY_MS).toISOString();
  note(`changes: ${describeChanges(young.summary.resourceChanges)}`);
  check(young.outputs.accessKey?.value === accessKey, `the key stays: ${accessKey}`);
  check(young.outputs.rotatesAt?.value === due, `it rotates 90 days after it was made, at ${due} (rotatesAt: ${String(young.outputs.rotatesAt?.value)})`);
  checkWrites(demo, before, [], "nothing written to NCP");
  checkOneKeyHeld(demo, accessKey);
  checkState(demo, true);

  // 90 days on, for the provider (its test-only rotation clock, honoured only against a loopback
  // endpoint, set in the environment of the CLI and so of the plugin it starts) and for NCP (the
  // emulator's). `workspace.envVars` is that environment (@pulumi/pulumi 3.216 has no setEnvVar).
  heading(`${TEST_CLOCK_VARIABLE}=${due} pulumi up`, "90 days later, the scheduled up: the key is due and rotates");
  demo.local.stack.workspace.envVars[TEST_CLOCK_VARIABLE] = due;
  demo.setNcpClock(Date.parse(due));
  try {
    const rotated = await rotatingUp(demo, accessKey);
    const nextDue = new Date(Date.parse(due) + 90 * DAY_MS).toISOString();
    check(rotated.rotatesAt === nextDue, `the new key is stamped ${due} and due 90 days on, at ${nextDue} (rotatesAt: ${rotated.rotatesAt})`);
    return rotated.accessKey;
  } finally {
    demo.setNcpClock(undefined);
    delete demo.local.stack.workspace.envVars[TEST_CLOCK_VARIABLE];
  }
}
