/**
 * SIGKILL of `pulumi up` during creates, on the real engine, then what a user does next. The CLI is
 * killed once NCP has committed all three creates and before any answer is back (the gateway holds
 * the answers), so each kill lands mid-create.
 *
 * What Pulumi 3.276 does (pkg/resource/deploy/deployment_executor.go, pkg/backend/snapshot.go,
 * pkg/cmd/pulumi/operations/refresh.go):
 * - the checkpoint keeps a pending `creating` operation per interrupted create, with no id;
 * - the stack stays locked until `pulumi cancel`;
 * - a non-interactive `refresh` keeps pending creates; every `up` warns about them, naming each
 *   resource "interrupted while creating", and creates those resources afresh;
 * - `refresh --clear-pending-creates` drops them (`--import-pending-creates` would adopt an id, of
 *   no use here: a key's secret cannot be read back).
 * The dynamic-provider plugin is not killed with the CLI; it finishes its creates. The provider
 * deletes a key whose CLI is gone (provider/handlers/engineLiveness.ts). When the plugin dies too,
 * the keys NCP made are left, and the user is told: the warning, and the audit output.
 */
import { openSignalsStack, type SignalsStack } from "./signalsStack";
import { childrenOf, isRunning } from "./processTree";

jest.setTimeout(180_000);

const KEYS = 3;
const NAMES = ["key-0", "key-1", "key-2"];
let s: SignalsStack | undefined;

afterEach(async () => {
  await s?.close();
  s = undefined;
});

/** Starts `up`, and SIGKILLs the CLI (and with `alsoPlugins` its plugins) once NCP has committed every create. */
async function upKilledMidCreate(stack: SignalsStack, alsoPlugins: boolean): Promise<{ error: Error; plugins: number[] }> {
  stack.gate.hold();
  let plugins: number[] = [];
  const killed = stack.gate.committed(KEYS).then(() => {
    const cli = stack.cliProcess();
    plugins = childrenOf(cli.pid).map((p) => p.pid);
    stack.killAtClose(plugins);
    process.kill(cli.pid, "SIGKILL");
    if (alsoPlugins) for (const pid of plugins) process.kill(pid, "SIGKILL");
  });
  const error = await stack.stack.up().then(
    () => new Error("up was not killed"),
    (e: unknown) => e as Error,
  );
  await killed;
  return { error, plugins };
}

/**
 * Waits for an event that comes only if the behaviour under test is there; without it nothing
 * would ever happen, so the wait is bounded to fail with a message rather than the suite's timeout.
 */
async function orFail(event: Promise<void>, failure: string, boundMs = 60_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(failure)), boundMs)));
  try {
    await Promise.race([event, bound]);
  } finally {
    clearTimeout(timer);
  }
}

/** What the user meets next: the lock, then `pulumi cancel`. */
async function unlock(stack: SignalsStack): Promise<void> {
  const locked = await stack.stack.refresh().then(
    () => new Error("refresh ran on a locked stack"),
    (e: unknown) => e as Error,
  );
  expect(locked.message).toContain("the stack is currently locked");
  expect(locked.message).toContain("pulumi cancel");
  await stack.stack.cancel();
}

test("the plugin outlives the killed CLI: the provider deletes the keys no state can hold; cancel, refresh and up leave NCP with exactly the keys in state", async () => {
  s = await openSignalsStack(KEYS, KEYS);
  const { error, plugins } = await upKilledMidCreate(s, false);
  expect(error.message).toContain("SIGKILL");
  expect(s.pendingOperations()).toEqual(NAMES.map((name) => `creating ${name}`));
  expect(s.stateKeys()).toEqual([]);
  expect(plugins.length).toBeGreaterThan(0);
  expect(plugins.every(isRunning)).toBe(true);

  // The creates finish in the orphaned plugin; it finds the CLI gone and deletes each key.
  expect(s.liveKeys()).toHaveLength(KEYS);
  s.gate.release();
  await orFail(s.gate.deleted(KEYS), `the orphaned plugin deleted none of the ${KEYS} keys it made after the CLI was killed`);
  expect(s.liveKeys()).toEqual([]);

  await unlock(s);
  await s.stack.refresh();
  expect(s.pendingOperations()).toEqual(NAMES.map((name) => `creating ${name}`));

  const up = await s.stack.up();
  expect(up.stdout).toContain(`with ${KEYS} pending operations from previous deployment`);
  for (const name of NAMES) expect(up.stdout).toMatch(new RegExp(`::${name}, interrupted while creating`));
  expect(up.summary.resourceChanges).toEqual({ create: KEYS, same: 1 });
  expect(s.stateKeys()).toHaveLength(KEYS);
  expect(s.liveKeys()).toEqual(s.stateKeys());
  expect(up.outputs.untrackedKeys.value).toEqual([]);

  // Pulumi keeps pending creates until told: the documented way, once NCP has been checked.
  await s.stack.refresh({ clearPendingCreates: true });
  expect(s.pendingOperations()).toEqual([]);
  expect(s.liveKeys()).toEqual(s.stateKeys());
});

test("CLI and plugin killed: the keys NCP made are left, and every one is either in state or reported (the pending creates, the audit)", async () => {
  s = await openSignalsStack(KEYS, KEYS);
  const { error } = await upKilledMidCreate(s, true);
  expect(error.message).toContain("SIGKILL");
  s.gate.release(); // to a plugin that is gone
  const lost = s.liveKeys();
  expect(lost).toHaveLength(KEYS);
  expect(s.pendingOperations()).toEqual(NAMES.map((name) => `creating ${name}`));

  // The lock (the killed CLI's, its message naming `pulumi cancel`) and a refresh that keeps the
  // pending creates are the test above's: here the user cancels and runs up.
  await s.stack.cancel();
  const up = await s.stack.up();
  for (const name of NAMES) expect(up.stdout).toMatch(new RegExp(`::${name}, interrupted while creating`));
  expect(up.summary.resourceChanges).toEqual({ create: KEYS, same: 1 });

  // Nothing is silently lost: NCP holds the keys in state plus the lost ones, which the audit names.
  const held = s.stateKeys();
  expect([...(up.outputs.untrackedKeys.value as string[])].sort()).toEqual(lost);
  expect(s.liveKeys()).toEqual([...held, ...lost].sort());
});
