/**
 * Ctrl-C during `pulumi up`, on the real engine: the Automation API's `signal` sends the CLI
 * SIGINT, as a terminal does. The signal is sent when NCP has committed the 5th create, and the
 * answers of the creates committed by then are held until the CLI says it is cancelling, so
 * creates are certainly in flight when it does.
 */
import { openSignalsStack, type SignalsStack } from "./signalsStack";

jest.setTimeout(60_000);

const KEYS = 20;
let s: SignalsStack | undefined;

afterEach(async () => {
  await s?.close();
  s = undefined;
});

test("SIGINT while creates are in flight: the CLI lets them finish into state, and the next up converges with no orphan", async () => {
  s = await openSignalsStack(KEYS, 10);
  const { gate, stack } = s;
  gate.hold();
  const abort = new AbortController();
  void gate.committed(5).then(() => abort.abort());
  let output = "";
  let cancelling!: () => void;
  const acknowledged = new Promise<void>((resolve) => (cancelling = resolve));
  const interrupted = stack
    .up({
      signal: abort.signal,
      onOutput: (text) => {
        output += text;
        if (output.includes("^C received; cancelling")) cancelling();
      },
    })
    .then(
      () => undefined,
      (error: unknown) => error as Error,
    );

  await acknowledged;
  const inFlight = gate.held;
  expect(inFlight).toBeGreaterThanOrEqual(5);
  gate.release();
  const error = await interrupted;
  expect(error?.message).toContain("update canceled");

  // The engine waited for the creates in flight: every key NCP made is in state, none pending.
  const live = s.liveKeys();
  expect(live.length).toBeGreaterThanOrEqual(inFlight);
  expect(live.length).toBeLessThan(KEYS);
  expect(s.stateKeys()).toEqual(live);
  expect(s.pendingOperations()).toEqual([]);

  const again = await stack.up();
  expect(again.summary.resourceChanges).toEqual({ create: KEYS - live.length, same: 1 + live.length });
  expect(s.stateKeys()).toHaveLength(KEYS);
  expect(s.liveKeys()).toEqual(s.stateKeys());
  expect([...(again.outputs.accessKeys.value as string[])].sort()).toEqual(s.stateKeys());
  expect(again.outputs.untrackedKeys.value).toEqual([]);
  // Not one key more was made than the stack holds: nothing was created and cleaned up behind it.
  expect(gate.creates).toBe(KEYS);
});
