import type { HandlerKind } from "../../provider/handlers/kinds";
import type { NcloudStack } from "../host/ncloudStack";
import type { ProviderHostError } from "../host/providerHost";
import type { Target } from "./faults";

/**
 * What NCP holds that a resource is about, in a shape that compares with what Pulumi's state
 * holds (e.g. a sub account's keys as `{accessKey: active}`). Plain JSON, compared with toEqual.
 */
export type View = unknown;

/** One resource operation as the engine runs it through the dynamic-provider host. */
export interface Operation {
  kind: HandlerKind;
  /** The call of this operation that the fault strikes. */
  target: Target;
  /** Seeds what the operation needs, with no fault in force, and says how to run and judge it. */
  prepare(stack: NcloudStack): Promise<Prepared>;
}

export interface Prepared {
  /** Runs the operation; resolves to what Pulumi's state holds after it succeeded. */
  run(): Promise<View>;
  /** What Pulumi's state holds after the operation failed with `error`. */
  heldAfterFailure(error: ProviderHostError): View;
  /**
   * Whether NCP holds what it would had a failed operation been carried out all the same. Accepted
   * only when the message says the outcome is unknown; absent where that must never happen (an
   * untracked key).
   */
  carriedOut?(observed: View): boolean;
  /** What NCP holds now. */
  observe(): View;
  /**
   * For an operation that may leave something behind only if it says so (a create without
   * `exclusive`, after a lost answer: docs/orphans.md): the names of what NCP holds beyond `held`,
   * and the rest, which must equal `held`.
   */
  leftBehind?(observed: View, held: View): { names: string[]; rest: View };
}

/** Restores the emulator to the seeded state between rows. */
export type Reset = (stack: NcloudStack) => void;
