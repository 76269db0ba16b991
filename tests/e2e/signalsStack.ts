/**
 * The stack the signal tests interrupt: tests/e2e/programs/many-keys-signals (N access keys over
 * S sub accounts) on the real `pulumi` (./harness), reaching the emulator through a CreateGate,
 * with what a test compares: the keys NCP holds, the keys and pending operations in the
 * checkpoint, and the processes (the CLI, its plugins) to signal.
 */
import { randomUUID } from "node:crypto";
import { startCreateGate, type CreateGate } from "./createGate";
import { openE2eStack, testProgram, TYPE, type E2eStack } from "./harness";
import { childrenOf, isRunning, type ProcessInfo } from "./processTree";

interface PendingOperation {
  type: string;
  resource: { urn: string };
}

export interface SignalsStack extends E2eStack {
  gate: CreateGate;
  /** Every access key NCP holds for the stack's sub accounts, sorted. */
  liveKeys(): string[];
  /** The access keys the checkpoint holds as resources, sorted. */
  stateKeys(): string[];
  /** The checkpoint's pending operations, as `<type> <resource name>`, sorted. */
  pendingOperations(): string[];
  /** The `pulumi` CLI this process is running now (the Automation API spawned it). */
  cliProcess(): ProcessInfo;
  /** Processes the CLI may leave behind (its plugins): `close` kills those still running. */
  killAtClose(pids: number[]): void;
}

export async function openSignalsStack(keyCount: number, subAccountCount: number): Promise<SignalsStack> {
  const subAccountIds = Array.from({ length: subAccountCount }, () => randomUUID());
  let started: CreateGate | undefined;
  const e2e = await openE2eStack({
    program: testProgram("many-keys-signals"),
    config: { subAccountIds: subAccountIds.join(","), keyCount: String(keyCount) },
    emulator: { subAccounts: subAccountIds },
    // The stack reaches the emulator through the gate from its first config on.
    apiUrl: async (emulator) => (started = await startCreateGate(emulator.url)).url,
  }).catch(async (error: unknown) => {
    await started?.close();
    throw error;
  });
  const gate = started!;
  const leftBehind: number[] = [];
  const pending = () => (e2e.checkpoint() as { checkpoint: { latest?: { pending_operations?: PendingOperation[] } } }).checkpoint.latest?.pending_operations ?? [];
  return {
    ...e2e,
    gate,
    liveKeys: () => subAccountIds.flatMap((id) => e2e.emulator.state.liveKeys(id).map((k) => k.accessKey)).sort(),
    stateKeys: () => e2e.resources(TYPE.subAccountAccessKey).map((r) => String(r.id)).sort(),
    pendingOperations: () => pending().map((op) => `${op.type} ${op.resource.urn.split("::").pop()}`).sort(),
    cliProcess() {
      const running = childrenOf(process.pid).filter((p) => p.command === "pulumi");
      if (running.length !== 1) throw new Error(`expected one pulumi CLI under this process, found ${JSON.stringify(running)}`);
      return running[0];
    },
    killAtClose: (pids) => void leftBehind.push(...pids),
    async close() {
      for (const pid of leftBehind) if (isRunning(pid)) process.kill(pid, "SIGKILL");
      gate.release();
      await gate.close();
      await e2e.close();
    },
  };
}
