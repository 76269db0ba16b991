import { inspect } from "node:util";
import fc from "fast-check";
import { INVALID_INPUT, NcloudClient, NcloudError } from "../../sdk";
import { type Emulator, startEmulator } from "../../sdk/emulator";
import { SENTINEL_API_KEY, SENTINEL_SECRET_KEY, leakedSentinels } from "./arbitraries";
import { type SdkMethod, SUB_ACCOUNT, sdkMethods, sdkRegressions } from "./sdkMethods";

/**
 * Every SDK method against arbitrary arguments, over real HTTP to the emulator: the call either
 * succeeds or rejects with an NcloudError; input the oracle finds bad is refused by name before
 * anything is sent; nothing that is sent escapes its path; no message carries a secret.
 */
let emulator: Emulator;
let client: NcloudClient;

beforeAll(async () => {
  emulator = await startEmulator({
    secretKey: SENTINEL_SECRET_KEY,
    apiKey: SENTINEL_API_KEY,
    subAccounts: [SUB_ACCOUNT],
    maxActiveKeys: 1_000_000,
  });
  client = new NcloudClient({
    endpoint: emulator.url,
    accessKey: emulator.accessKey,
    secretKey: SENTINEL_SECRET_KEY,
    apiKey: SENTINEL_API_KEY,
    env: {},
    maxAttempts: 1,
    timeoutMs: 2000,
  });
});

afterAll(async () => {
  await client.close();
  await emulator.close();
});

/** What one call did: its error (if any) and the requests it sent. */
async function observe(run: () => Promise<unknown>): Promise<{ error: unknown; paths: string[] }> {
  const before = emulator.requests.length;
  let error: unknown;
  try {
    await run();
  } catch (e) {
    error = e;
  }
  return { error, paths: emulator.requests.slice(before).map((r) => r.path) };
}

/** The oracle: a call succeeds, or refuses bad input by name without sending it; never crashes, never leaks. */
async function judge(method: SdkMethod, args: unknown[]): Promise<void> {
  const { error, paths } = await observe(() => method.invoke(client, args));
  const bad = method.bad(args);
  if (error !== undefined && !(error instanceof NcloudError)) {
    throw new Error(`crashed with ${inspect(error)}`);
  }
  if (error instanceof NcloudError) {
    expect(leakedSentinels(`${error.message}\n${JSON.stringify(error)}\n${inspect(error)}`)).toEqual([]);
  }
  if (bad.length > 0) {
    expect(error).toBeInstanceOf(NcloudError);
    const e = error as NcloudError;
    expect(e.code).toBe(INVALID_INPUT);
    expect(e.status).toBeUndefined();
    const named = /invalid (\w+)/.exec(e.message)?.[1];
    expect(bad).toContain(named);
    expect(paths).toEqual([]);
  } else {
    if (error instanceof NcloudError) expect(error.code).not.toBe(INVALID_INPUT);
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) expect(path).toMatch(method.path);
  }
}

describe.each(sdkMethods.map((m) => [m.name, m] as const))("%s", (name, method) => {
  for (const regression of sdkRegressions.filter((r) => r.method === name)) {
    test(`once crashed: ${regression.name}`, () => judge(method, regression.example));
  }

  test("succeeds or refuses bad input by name without sending it; never crashes, never leaks", async () => {
    await fc.assert(
      fc.asyncProperty(method.args, (args) => judge(method, args)),
      { numRuns: 120 },
    );
  });
});
