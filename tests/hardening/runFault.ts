import { whenTrue } from "../emulator/whenTrue";
import type { NcloudStack } from "../host/ncloudStack";
import { ProviderHostError } from "../host/providerHost";
import { faults, type FaultName, type ServerClock } from "./faults";
import type { Operation, Prepared, View } from "./operation";

/** What one operation did under one fault, seen from both sides. */
export interface Observation {
  /** undefined when the operation succeeded; else the message `pulumi up` would print. */
  error?: string;
  /** Requests the emulator received while the operation ran (its setup excluded). */
  requests: number;
  /** What Pulumi's state holds afterwards. */
  held: View;
  /** What NCP (the emulator) holds afterwards. */
  observed: View;
  /** For a failure: whether NCP holds what the operation would have made, had it been carried out. */
  carriedOut: boolean;
  /** What NCP holds beyond what Pulumi holds, each of which must be named to the user (Prepared.leftBehind). */
  leftBehind: string[];
  /** Host output (the provider's stderr, shown by `pulumi up`) from the start of the operation. */
  outputFrom: number;
}

/** Seeds the operation with no fault in force, then runs it once under the fault. */
export async function runUnderFault(stack: NcloudStack, clock: ServerClock, operation: Operation, faultName: FaultName): Promise<Observation> {
  const prepared = await operation.prepare(stack);
  const fault = faults[faultName];
  const firstRequest = stack.emulator.requests.length;
  const outputFrom = stack.host.output().length;
  if ("skewServerClockMs" in fault) clock.skew(fault.skewServerClockMs);
  for (const rule of fault.rules(operation.target)) stack.emulator.faults.add(rule);
  // A request answered late still acts late: let it land inside this row, not the next one. The
  // emulator records each answer as it sends it (status 0 until then); drops are never answered.
  const answered = () =>
    stack.emulator.requests.slice(firstRequest).every((r) => r.status !== 0 || r.fault === "drop" || r.fault === "commitThenDrop");
  const settle = async () => {
    if ("landsLate" in fault) await whenTrue(answered, `every request under "${faultName}" answered`);
  };
  try {
    const held = await prepared.run();
    await settle();
    const { observed, leftBehind } = split(prepared, prepared.observe(), held);
    return { requests: stack.emulator.requests.length - firstRequest, held, observed, carriedOut: false, leftBehind, outputFrom };
  } catch (error) {
    if (!(error instanceof ProviderHostError)) throw error;
    await settle();
    const held = prepared.heldAfterFailure(error);
    const { observed, leftBehind } = split(prepared, prepared.observe(), held);
    return {
      error: error.message,
      requests: stack.emulator.requests.length - firstRequest,
      held,
      observed,
      carriedOut: prepared.carriedOut?.(observed) ?? false,
      leftBehind,
      outputFrom,
    };
  } finally {
    stack.emulator.faults.clear();
  }
}

/** Takes what the operation may leave behind (if it names it) out of what NCP holds. */
function split(prepared: Prepared, observed: View, held: View): { observed: View; leftBehind: string[] } {
  if (!prepared.leftBehind) return { observed, leftBehind: [] };
  const { names, rest } = prepared.leftBehind(observed, held);
  return { observed: rest, leftBehind: names };
}

/** The SDK's words for "this may or may not have happened in NCP": a user must then check. */
export const OUTCOME_UNKNOWN = /may or may not have carried it out|carried it out, but its answer was lost/;
