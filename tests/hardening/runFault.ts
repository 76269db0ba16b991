import type { NcloudStack } from "../host/ncloudStack";
import { ProviderHostError } from "../host/providerHost";
import { faults, type FaultName, type ServerClock } from "./faults";
import type { Operation, View } from "./operation";

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
}

/** Seeds the operation with no fault in force, then runs it once under the fault. */
export async function runUnderFault(stack: NcloudStack, clock: ServerClock, operation: Operation, faultName: FaultName): Promise<Observation> {
  const prepared = await operation.prepare(stack);
  const fault = faults[faultName];
  const firstRequest = stack.emulator.requests.length;
  if ("skewServerClockMs" in fault) clock.skew(fault.skewServerClockMs);
  for (const rule of fault.rules(operation.target)) stack.emulator.faults.add(rule);
  // A request answered late still acts late: let it land inside this row, not the next one.
  const settle = () => new Promise((resolve) => setTimeout(resolve, "settleMs" in fault ? fault.settleMs : 0));
  try {
    const held = await prepared.run();
    await settle();
    return { requests: stack.emulator.requests.length - firstRequest, held, observed: prepared.observe(), carriedOut: false };
  } catch (error) {
    if (!(error instanceof ProviderHostError)) throw error;
    await settle();
    const observed = prepared.observe();
    return {
      error: error.message,
      requests: stack.emulator.requests.length - firstRequest,
      held: prepared.heldAfterFailure(error),
      observed,
      carriedOut: prepared.carriedOut?.(observed) ?? false,
    };
  } finally {
    stack.emulator.faults.clear();
  }
}

/** The SDK's words for "this may or may not have happened in NCP": a user must then check. */
export const OUTCOME_UNKNOWN = /may or may not have carried it out|carried it out, but its answer was lost/;
