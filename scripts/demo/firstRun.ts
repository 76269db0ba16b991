/** Steps 1 and 2: `pulumi preview` of the new stack, then `pulumi up`. */
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { checkOneKeyHeld, checkNoKey, checkState, checkWrites, WRITES } from "./checks";
import { check, describeChanges, heading, note } from "./report";
import type { Demo } from "./setup";

/** How the engine writes a value it cannot know yet (sdk/go/common/resource/plugin: UnknownStringValue). */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** The stack's outputs as the engine computed them: the last outputs event of the Stack resource. */
function stackOutputs(events: EngineEvent[]): Record<string, unknown> {
  const last = events.filter((e) => e.resOutputsEvent?.metadata.type === "pulumi:pulumi:Stack").pop();
  return last?.resOutputsEvent?.metadata.new?.outputs ?? {};
}

export async function preview(demo: Demo): Promise<void> {
  heading("pulumi preview", "plans the stack: nothing is sent to NCP, and what only NCP can say is unknown");
  const before = demo.emulator.requests.length;
  const events: EngineEvent[] = [];
  const result = await demo.local.stack.preview({ onEvent: (event) => events.push(event) });
  note(`plan: ${describeChanges(result.changeSummary)}`);
  check(demo.emulator.requests.length === before, `no request reached NCP (received: ${demo.emulator.requests.length - before})`);
  const outputs = stackOutputs(events);
  const unknown = ["accessKey", "keySecret", "rotatesAt"].filter((name) => outputs[name] === UNKNOWN);
  check(unknown.length === 3, `the key's outputs are unknown until up: ${unknown.join(", ") || "none"}`);
  // As the user sees them: `accessKey : [unknown]`.
  for (const line of result.stdout.split("\n").filter((l) => /^\s+\w+\s*: \[unknown\]/.test(l))) note(line.trim());
  checkNoKey(demo, "as the preview made none");
  checkState(demo, false);
}

/** Returns the key the stack holds. */
export async function firstUp(demo: Demo): Promise<string> {
  heading("pulumi up", "creates the key and hands it to the Search Engine service group");
  const before = demo.emulator.requests.length;
  const result = await demo.local.stack.up();
  const accessKey = String(result.outputs.accessKey?.value);
  note(`changes: ${describeChanges(result.summary.resourceChanges)}; accessKey ${accessKey}, rotatesAt ${String(result.outputs.rotatesAt?.value)}`);
  check(result.outputs.keySecret?.secret === true, "the keySecret output is a Pulumi secret");
  checkWrites(demo, before, [WRITES.CREATE_KEY, WRITES.HAND_OVER], "one key created, then handed to the service group");
  checkOneKeyHeld(demo, accessKey);
  checkState(demo, true);
  return accessKey;
}
