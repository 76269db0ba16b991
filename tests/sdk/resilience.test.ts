import { NcloudError } from "../../sdk";
import { type Harness, SUB_ACCOUNT, harness, rejection } from "./helpers";

const KEYS_PATH = `/api/v1/sub-accounts/${SUB_ACCOUNT}/access-keys`;

describe("retries, timeouts and lost answers", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness({}, { random: () => 0.5 });
  });
  afterEach(() => h.close());

  test.each([500, 502, 503, 504])("a GET answered %d is retried with full-jitter backoff and succeeds", async (status) => {
    h.emulator.faults.add({ method: "GET", kind: "status", status, times: 2 });
    expect(await h.client.sts.getCredentials()).toMatchObject({ accessKey: h.emulator.accessKey });
    expect(h.emulator.requests.map((r) => r.status)).toEqual([status, status, 200]);
    // random 0.5, base 5 ms: attempt 0 → 0.5 * 5, attempt 1 → 0.5 * 10.
    expect(h.sleeps).toEqual([2, 5]);
  });

  test("429 with Retry-After waits what NCP asks, plus a jittered backoff so throttled clients spread out", async () => {
    h.emulator.faults.add({ kind: "status", status: 429, retryAfterSec: 1, times: 1 });
    await h.client.sts.getCredentials();
    // random 0.5, base 5 ms: 1000 + 0.5 * 5.
    expect(h.sleeps).toEqual([1002]);
    expect(h.emulator.requests).toHaveLength(2);
  });

  test("attempts are bounded: after maxAttempts the error is retryable and says quota exceeded", async () => {
    h.emulator.faults.add({ kind: "status", status: 429 });
    const error = await rejection(h.client.subAccount.listAccessKeys(SUB_ACCOUNT), NcloudError);
    expect(h.emulator.requests).toHaveLength(3);
    expect(error).toMatchObject({ status: 429, retryable: true, outcomeUnknown: false });
    expect(error.message).toContain("quota exceeded");
    expect(error.message).toContain("after 3 attempts");
  });

  test("throttled answers with a Retry-After do not use up maxAttempts: a run of five 429s converges", async () => {
    h.emulator.faults.add({ kind: "status", status: 429, retryAfterSec: 1, times: 5 });
    expect(await h.client.sts.getCredentials()).toMatchObject({ accessKey: h.emulator.accessKey });
    expect(h.emulator.requests.map((r) => r.status)).toEqual([429, 429, 429, 429, 429, 200]);
    expect(h.sleeps).toEqual([1002, 1002, 1002, 1002, 1002]);
  });

  test("a POST throttled five times is created once", async () => {
    h.emulator.faults.add({ method: "POST", kind: "status", status: 429, retryAfterSec: 0, times: 5 });
    await h.client.subAccount.createAccessKey(SUB_ACCOUNT);
    expect(h.emulator.requests.map((r) => r.status)).toEqual([429, 429, 429, 429, 429, 201]);
    expect(h.emulator.state.liveKeys(SUB_ACCOUNT)).toHaveLength(1);
  });

  test("throttled attempts are bounded too: maxThrottledAttempts, then maxAttempts, and the message counts them all", async () => {
    h.emulator.faults.add({ kind: "status", status: 429, retryAfterSec: 0 });
    const client = h.makeClient({ maxThrottledAttempts: 4 });
    const error = await rejection(client.subAccount.listAccessKeys(SUB_ACCOUNT), NcloudError);
    expect(h.emulator.requests).toHaveLength(4 + 3);
    expect(error).toMatchObject({ status: 429, retryable: true });
    expect(error.message).toContain("after 7 attempts");
  });

  test("by default a call waits out at most 10 throttled answers beyond maxAttempts", async () => {
    h.emulator.faults.add({ kind: "status", status: 429, retryAfterSec: 0 });
    await rejection(h.client.sts.getCredentials(), NcloudError);
    expect(h.emulator.requests).toHaveLength(10 + 3);
  });

  test.each([-1, 1.5])("a Retry-After of %s is not honoured: ordinary backoff, counted against maxAttempts (3 requests, not 13)", async (value) => {
    h.emulator.faults.add({ kind: "status", status: 429, retryAfterSec: value });
    const error = await rejection(h.client.sts.getCredentials(), NcloudError);
    expect(h.emulator.requests).toHaveLength(3);
    expect(error).toMatchObject({ status: 429, retryable: true });
    // random 0.5, base 5 ms: the jittered backoff, not a zero wait.
    expect(h.sleeps).toEqual([2, 5]);
  });

  test("throttled waits are jittered: two clients told the same Retry-After come back at different times", async () => {
    const early = h.makeClient({ random: () => 0.1 });
    const late = h.makeClient({ random: () => 0.9 });
    h.emulator.faults.add({ kind: "status", status: 429, retryAfterSec: 1, times: 1 });
    await early.sts.getCredentials();
    h.emulator.faults.add({ kind: "status", status: 429, retryAfterSec: 1, times: 1 });
    await late.sts.getCredentials();
    expect(h.sleeps).toEqual([1000, 1004]);
  });

  test("a Retry-After longer than retryCapMs is not waited out", async () => {
    h.emulator.faults.add({ kind: "status", status: 429, retryAfterSec: 60 });
    const error = await rejection(h.client.sts.getCredentials(), NcloudError);
    expect(h.emulator.requests).toHaveLength(1);
    expect(h.sleeps).toEqual([]);
    expect(error.message).toContain("retry after 60");
  });

  test("the emulator's rate limit is ridden out by retries", async () => {
    // The quota's clock moves by what the client sleeps: its waits are the time the window sees pass.
    let quotaMs = 0;
    const limited = await harness({ rateLimitPerSecond: 1, quotaNow: () => quotaMs });
    try {
      const client = limited.makeClient({ sleep: async (ms) => void (quotaMs += ms), maxAttempts: 4 });
      await client.sts.getCredentials();
      await client.sts.getCredentials();
      expect(limited.emulator.requests.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(1);
      expect(limited.emulator.requests.at(-1)?.status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  test("every attempt is signed afresh with the current clock, not resent with the old headers", async () => {
    let clock = Date.now();
    const client = h.makeClient({ now: () => clock, sleep: async () => { clock += 6 * 60 * 1000; } });
    h.emulator.faults.add({ kind: "status", status: 503, times: 1 });
    // The emulator's clock is real time; ours jumps 6 minutes during the backoff. Resent old
    // headers would be accepted at once; a fresh signature is refused (401), then corrected via Date.
    await client.sts.getCredentials();
    expect(h.emulator.requests.map((r) => r.status)).toEqual([503, 401, 200]);
  });

  test.each([500, 502, 503, 504])("a POST answered %d is not retried: outcomeUnknown", async (status) => {
    h.emulator.faults.add({ method: "POST", kind: "status", status, times: 1 });
    const error = await rejection(h.client.subAccount.createAccessKey(SUB_ACCOUNT), NcloudError);
    expect(error).toMatchObject({ status, outcomeUnknown: true, retryable: false });
    expect(h.emulator.requests).toHaveLength(1);
  });

  test("a create whose answer is lost (commitThenDrop) is outcomeUnknown after exactly one request", async () => {
    h.emulator.faults.add({ method: "POST", path: KEYS_PATH, kind: "commitThenDrop", times: 1 });
    const error = await rejection(h.client.subAccount.createAccessKey(SUB_ACCOUNT), NcloudError);
    expect(error).toMatchObject({ outcomeUnknown: true, status: undefined, operation: "subAccount.createAccessKey" });
    expect(error.message).toContain("may or may not");
    expect(h.emulator.requests).toHaveLength(1);
    expect(h.emulator.state.liveKeys(SUB_ACCOUNT)).toHaveLength(1);
  });

  test("a dropped GET is retried", async () => {
    h.emulator.faults.add({ method: "GET", kind: "drop", times: 1 });
    expect(await h.client.subAccount.listAccessKeys(SUB_ACCOUNT)).toEqual([]);
    expect(h.emulator.requests).toHaveLength(2);
  });

  test.each([
    ["PUT", (key: string) => h.client.subAccount.setAccessKeyActive(SUB_ACCOUNT, key, false)],
    ["DELETE", (key: string) => h.client.subAccount.deleteAccessKey(SUB_ACCOUNT, key)],
  ] as const)("a %s answered 503 on every attempt says NCP may have carried it out (a proxy's 503 can follow a commit)", async (method, change) => {
    const key = await h.client.subAccount.createAccessKey(SUB_ACCOUNT);
    h.emulator.faults.add({ method, kind: "status", status: 503 });
    const error = await rejection(change(key.accessKey), NcloudError);
    expect(error).toMatchObject({ status: 503, outcomeUnknown: true });
    expect(error.message).toContain("NCP may or may not have carried it out");
    expect(h.emulator.requests.filter((r) => r.method === method)).toHaveLength(3);
  });

  test("a DELETE (idempotent here) is retried after a 500", async () => {
    const key = await h.client.subAccount.createAccessKey(SUB_ACCOUNT);
    h.emulator.faults.add({ method: "DELETE", kind: "status", status: 500, times: 1 });
    await h.client.subAccount.deleteAccessKey(SUB_ACCOUNT, key.accessKey);
    expect(h.emulator.state.liveKeys(SUB_ACCOUNT)).toEqual([]);
  });

  test("a response slower than timeoutMs times out with a message naming timeoutMs", async () => {
    const client = h.makeClient({ timeoutMs: 100, maxAttempts: 2 });
    h.emulator.faults.add({ kind: "latency", delayMs: 400 });
    const error = await rejection(client.sts.getCredentials(), NcloudError);
    expect(error.message).toContain("timeoutMs=100");
    expect(error).toMatchObject({ status: undefined, retryable: true });
    expect(h.emulator.requests).toHaveLength(2);
  });

  test("a deadline of 2 s or more is enforced too, and the POST is still outcomeUnknown", async () => {
    const client = h.makeClient({ timeoutMs: 2000 });
    h.emulator.faults.add({ method: "POST", kind: "latency", delayMs: 4500 });
    const error = await rejection(client.subAccount.createAccessKey(SUB_ACCOUNT), NcloudError);
    expect(error).toMatchObject({ outcomeUnknown: true, code: "ETIMEDOUT" });
    expect(error.message).toContain("timeoutMs=2000");
    // Before the emulator answered (its 4.5 s timer falls due after the client's 2 s one, in this
    // process's timer order): the request is held, unanswered, and no key exists yet.
    expect(h.emulator.requests.map((r) => r.status)).toEqual([0]);
    expect(h.emulator.state.liveKeys(SUB_ACCOUNT)).toEqual([]);
  }, 10_000);

  test("a POST that times out after sending is outcomeUnknown, not retried", async () => {
    const client = h.makeClient({ timeoutMs: 100 });
    h.emulator.faults.add({ method: "POST", kind: "latency", delayMs: 400 });
    const error = await rejection(client.subAccount.createAccessKey(SUB_ACCOUNT), NcloudError);
    expect(error).toMatchObject({ outcomeUnknown: true });
    expect(error.message).toContain("timeoutMs=100");
    expect(h.emulator.requests).toHaveLength(1);
  });

  test("a refused connection is retried even for a POST, then reported with the endpoint", async () => {
    const url = h.emulator.url;
    await h.emulator.close();
    const client = h.makeClient({ endpoint: url });
    const error = await rejection(client.subAccount.createAccessKey(SUB_ACCOUNT), NcloudError);
    expect(error).toMatchObject({ code: "ECONNREFUSED", outcomeUnknown: false, retryable: true });
    expect(h.sleeps).toHaveLength(2);
    expect(error.message).toContain(url);
  });

  test("a malformed 200 body on a GET is asked again; for a POST create the outcome is unknown", async () => {
    h.emulator.faults.add({ method: "GET", kind: "malformed", times: 1 });
    await expect(h.client.sts.getCredentials()).resolves.toMatchObject({ accessKey: h.emulator.accessKey });
    expect(h.sleeps).toHaveLength(1);

    h.emulator.faults.add({ method: "GET", kind: "malformed" });
    const getError = await rejection(h.client.sts.getCredentials(), NcloudError);
    expect(getError.message).toMatch(/^unexpected response from sts\.getCredentials after 3 attempts/);
    expect(getError.outcomeUnknown).toBe(false);
    h.emulator.faults.clear();

    h.emulator.faults.add({ method: "POST", kind: "malformed", times: 1 });
    const postError = await rejection(h.client.subAccount.createAccessKey(SUB_ACCOUNT), NcloudError);
    expect(postError.outcomeUnknown).toBe(true);
  });

  test("a truncated answer is an error; for a POST create the outcome is unknown", async () => {
    h.emulator.faults.add({ method: "GET", kind: "truncated" });
    const getError = await rejection(h.client.sts.getCredentials(), NcloudError);
    expect(getError).toMatchObject({ status: 200, outcomeUnknown: false });
    expect(getError.message).toContain("not JSON");
    h.emulator.faults.clear();

    h.emulator.faults.add({ method: "POST", kind: "truncated", times: 1 });
    const postError = await rejection(h.client.subAccount.createAccessKey(SUB_ACCOUNT), NcloudError);
    expect(postError.outcomeUnknown).toBe(true);
    expect(postError.message).toContain("NCP carried it out, but its answer was lost");
    expect(h.emulator.state.liveKeys(SUB_ACCOUNT)).toHaveLength(1);
  });
});

describe("clock skew", () => {
  test("a client clock 10 minutes slow gets one 401, learns the offset, and keeps it", async () => {
    // Both clocks stand still on a whole second, so the learned offset is exact, whatever the load.
    const ncpNow = Math.floor(Date.now() / 1000) * 1000;
    const h = await harness({ now: () => ncpNow }, { now: () => ncpNow - 10 * 60 * 1000 });
    try {
      await h.client.sts.getCredentials();
      expect(h.emulator.requests.map((r) => r.status)).toEqual([401, 200]);
      expect(h.client.clockOffsetMs).toBe(600_000);
      await h.client.sts.getCredentials();
      expect(h.emulator.requests.map((r) => r.status)).toEqual([401, 200, 200]);
      expect(h.sleeps).toEqual([]);
    } finally {
      await h.close();
    }
  });

  test("a clock 10 minutes fast is corrected too, for a POST as well", async () => {
    const h = await harness({}, { now: () => Date.now() + 10 * 60 * 1000 });
    try {
      await h.client.subAccount.createAccessKey(SUB_ACCOUNT);
      expect(h.emulator.requests.map((r) => r.status)).toEqual([401, 201]);
    } finally {
      await h.close();
    }
  });
});
