import { Agent, request } from "undici";
import { startEmulator, type Emulator } from "../../sdk/emulator";
import { signedRequest } from "./signedRequest";
import { whenTrue } from "./whenTrue";

const SUB = "4e066e50-9c3a-11e7-8a66-1e5021fa7c80";
const KEYS = `/api/v1/sub-accounts/${SUB}/access-keys`;

/**
 * Whether a delay has run, judged by order, not by a clock reading: a timer of the same length set
 * before the request is sent falls due before the emulator's (set when the request arrives), and
 * Node runs timers of one length in the order they were set. An answer that did not wait comes
 * back while this one is still pending.
 */
function referenceTimer(ms: number): () => boolean {
  let due = false;
  setTimeout(() => (due = true), ms);
  return () => due;
}

describe("emulator: fault injection", () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startEmulator();
  });
  afterEach(() => emulator.close());

  const createKey = () => signedRequest(emulator, { method: "POST", path: KEYS });
  const keyCount = () => emulator.state.liveKeys(SUB).length;

  test("status answers the given status with the gateway's documented code and Retry-After, before authentication", async () => {
    emulator.faults.add({ kind: "status", status: 503, retryAfterSec: 7, times: 1 });
    const res = await signedRequest(emulator, { method: "POST", path: KEYS, secretKey: "wrong" });
    expect(res.status).toBe(503);
    expect(res.headers["retry-after"]).toBe("7");
    // The gateway's code for 503 is 500 "Endpoint Error" (gov:api-call-lgc-errorhandling), not the status.
    expect(res.json()).toEqual({ error: { errorCode: "500", message: "Endpoint Error" } });
    expect(keyCount()).toBe(0);
  });

  test("status 429 answers the quota body", async () => {
    emulator.faults.add({ kind: "status", status: 429, retryAfterSec: 2 });
    const res = await createKey();
    expect(res.status).toBe(429);
    expect(res.headers["retry-after"]).toBe("2");
    expect(res.json()).toMatchObject({ error: { errorCode: "400", message: "Quota Exceeded" } });
  });

  test("latency waits, then answers normally", async () => {
    emulator.faults.add({ kind: "latency", delayMs: 300 });
    const waited = referenceTimer(300);
    const res = await createKey();
    expect(waited()).toBe(true);
    expect(res.status).toBe(201);
    expect(emulator.requests.at(-1)).toMatchObject({ status: 201, fault: "latency" });
  });

  test("drop: the client sees a socket error and no key was created", async () => {
    emulator.faults.add({ kind: "drop", method: "POST", path: KEYS });
    await expect(createKey()).rejects.toThrow();
    expect(keyCount()).toBe(0);
    expect(emulator.requests.at(-1)).toMatchObject({ method: "POST", path: KEYS, status: 0, fault: "drop" });
  });

  test("commitThenDrop: the client sees a socket error and the key exists", async () => {
    emulator.faults.add({ kind: "commitThenDrop", method: "POST", path: KEYS });
    await expect(createKey()).rejects.toThrow();
    expect(keyCount()).toBe(1);
    expect(emulator.requests.at(-1)).toMatchObject({ status: 0, fault: "commitThenDrop" });
  });

  test("commitThenDrop does not apply to a request that fails authentication", async () => {
    emulator.faults.add({ kind: "commitThenDrop", times: 1 });
    const res = await signedRequest(emulator, { method: "POST", path: KEYS, secretKey: "wrong" });
    expect(res.status).toBe(401);
    await expect(createKey()).rejects.toThrow();
    expect(keyCount()).toBe(1);
  });

  test("malformed: the operation happens and the answer is 200 with a body that is not JSON", async () => {
    emulator.faults.add({ kind: "malformed", times: 1 });
    const res = await createKey();
    expect(res.status).toBe(200);
    expect(() => res.json()).toThrow();
    expect(keyCount()).toBe(1);
  });

  test("truncated: the real JSON cut in half, with a matching Content-Length", async () => {
    emulator.faults.add({ kind: "truncated", times: 1 });
    const res = await createKey();
    expect(res.status).toBe(201);
    expect(Number(res.headers["content-length"])).toBe(Buffer.byteLength(res.text));
    expect(res.text.startsWith('{"accessKey":"ncp_iam_')).toBe(true);
    expect(() => res.json()).toThrow();
    const [key] = emulator.state.liveKeys(SUB);
    const secret = emulator.state.subAccounts.get(SUB)?.keys.get(key.accessKey)?.keySecret;
    const full = JSON.stringify({ accessKey: key.accessKey, keySecret: secret, createTime: key.createTime });
    expect(res.text).toBe(full.slice(0, Math.floor(full.length / 2)));
  });

  test("times counts down: the rule strikes N matching requests, then stops", async () => {
    emulator.faults.add({ kind: "status", status: 500, times: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await createKey()).status);
    expect(statuses).toEqual([500, 500, 201]);
  });

  test("rules match by method, exact path, prefix with *, and RegExp", async () => {
    emulator.faults.add({ kind: "status", status: 502, method: "get", path: "/api/v1/credentials" });
    emulator.faults.add({ kind: "status", status: 503, path: "/nsml/*" });
    emulator.faults.add({ kind: "status", status: 504, path: /getBucketList/ });
    expect((await signedRequest(emulator, { path: "/api/v1/credentials" })).status).toBe(502);
    expect((await signedRequest(emulator, { method: "POST", path: "/api/v1/credentials" })).status).toBe(200);
    expect((await signedRequest(emulator, { path: "/api/v1/credentials/x" })).status).toBe(404);
    expect((await signedRequest(emulator, { path: "/nsml/v1/auth-keys" })).status).toBe(503);
    expect((await signedRequest(emulator, { path: "/api/v2/snapshot/getBucketList/1531843" })).status).toBe(504);
    expect((await createKey()).status).toBe(201);
  });

  test("clear removes every rule", async () => {
    emulator.faults.add({ kind: "drop" });
    emulator.faults.clear();
    expect((await createKey()).status).toBe(201);
  });

  test("rules given at start are in force from the first request", async () => {
    await emulator.close();
    emulator = await startEmulator({ faults: [{ kind: "status", status: 500, times: 1 }] });
    expect((await createKey()).status).toBe(500);
    expect((await createKey()).status).toBe(201);
  });

  test("a status fault without a status is refused when added", () => {
    expect(() => emulator.faults.add({ kind: "status" })).toThrow(TypeError);
  });

  test("the request log records every request in order, with its query and status", async () => {
    await signedRequest(emulator, { path: "/api/v1/credentials?x=1" });
    await signedRequest(emulator, { path: "/nope" });
    expect(emulator.requests.map(({ method, path, query, status }) => ({ method, path, query, status }))).toEqual([
      { method: "GET", path: "/api/v1/credentials", query: "x=1", status: 200 },
      { method: "GET", path: "/nope", query: "", status: 404 },
    ]);
    expect(typeof emulator.requests[0].at).toBe("number");
  });
});

describe("emulator: rate limit", () => {
  test("beyond N requests in 1 s the gateway answers 429 with Retry-After: 1, then recovers", async () => {
    // The quota's clock is stepped, not waited for: the window is exact whatever the machine's load.
    let quotaMs = 0;
    const emulator = await startEmulator({ rateLimitPerSecond: 3, quotaNow: () => quotaMs });
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push(await signedRequest(emulator, { path: "/api/v1/credentials" }));
      expect(statuses.map((r) => r.status)).toEqual([200, 200, 200, 429, 429]);
      expect(statuses[3].headers["retry-after"]).toBe("1");
      expect(statuses[3].json()).toMatchObject({ error: { errorCode: "400", message: "Quota Exceeded" } });
      quotaMs += 999;
      expect((await signedRequest(emulator, { path: "/api/v1/credentials" })).status).toBe(429);
      quotaMs += 1;
      expect((await signedRequest(emulator, { path: "/api/v1/credentials" })).status).toBe(200);
    } finally {
      await emulator.close();
    }
  });

  test("setRateLimit turns the quota on and off", async () => {
    const emulator = await startEmulator();
    try {
      emulator.faults.setRateLimit(1);
      expect((await signedRequest(emulator, { path: "/api/v1/credentials" })).status).toBe(200);
      expect((await signedRequest(emulator, { path: "/api/v1/credentials" })).status).toBe(429);
      emulator.faults.setRateLimit(undefined);
      expect((await signedRequest(emulator, { path: "/api/v1/credentials" })).status).toBe(200);
    } finally {
      await emulator.close();
    }
  });
});

describe("emulator: faults for a hostile network", () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startEmulator();
  });
  afterEach(() => emulator.close());

  test("redirect answers a 3xx with a Location, before authentication, and changes nothing", async () => {
    emulator.faults.add({ method: "POST", kind: "redirect", status: 308, times: 1 });
    const res = await signedRequest(emulator, { method: "POST", path: KEYS, secretKey: "wrong" });
    expect(res.status).toBe(308);
    expect(res.headers.location).toBe(`https://redirected.invalid${KEYS}`);
    expect(emulator.state.liveKeys(SUB)).toHaveLength(0);
    emulator.faults.add({ kind: "redirect", location: "https://elsewhere.example/", times: 1 });
    expect((await signedRequest(emulator, { path: KEYS })).headers.location).toBe("https://elsewhere.example/");
  });

  test("echo reflects the request headers into the error body, as JSON and as text", async () => {
    emulator.faults.add({ kind: "echo", status: 400, times: 1 });
    const res = await signedRequest(emulator, { path: KEYS });
    expect(res.status).toBe(400);
    const body = res.json() as { error: { details: string }; request: { headers: Record<string, string> } };
    const signature = body.request.headers["x-ncp-apigw-signature-v2"];
    expect(signature).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(body.error.details).toContain(`x-ncp-apigw-signature-v2: ${signature}`);
  });

  test("commitThenStatus runs the operation, then answers the status as a proxy would (plain text)", async () => {
    emulator.faults.add({ method: "POST", kind: "commitThenStatus", times: 1 });
    const res = await signedRequest(emulator, { method: "POST", path: KEYS });
    expect(res.status).toBe(503);
    expect(res.text).toContain("upstream connect error or disconnect/reset before headers");
    expect(emulator.state.liveKeys(SUB)).toHaveLength(1);
  });

  test("commitThenStatus with delayMs waits, then commits and answers", async () => {
    emulator.faults.add({ method: "POST", kind: "commitThenStatus", status: 502, delayMs: 200, times: 1 });
    const waited = referenceTimer(200);
    const res = await signedRequest(emulator, { method: "POST", path: KEYS });
    expect(waited()).toBe(true);
    expect(res.status).toBe(502);
    expect(emulator.state.liveKeys(SUB)).toHaveLength(1);
  });

  test.each([
    [{ kind: "redirect", status: 200 }, /3xx/],
    [{ kind: "echo", status: 99 }, /between 200 and 599/],
    [{ kind: "commitThenStatus", status: 600 }, /between 200 and 599/],
    [{ kind: "commitThenStatus", delayMs: -1 }, /delayMs/],
  ] as const)("%j is refused", (rule, message) => {
    expect(() => emulator.faults.add(rule)).toThrow(message);
  });
});

describe("emulator: close", () => {
  test("close() ends keep-alive sockets and resolves", async () => {
    const emulator = await startEmulator();
    const agent = new Agent({ keepAliveTimeout: 60_000 });
    const disconnected = new Promise<void>((resolve) => agent.once("disconnect", () => resolve()));
    try {
      const res = await signedRequest(emulator, { path: "/api/v1/credentials", dispatcher: agent });
      expect(res.status).toBe(200);
      await emulator.close();
      await disconnected;
      await expect(request(`${emulator.url}/api/v1/credentials`, { dispatcher: agent })).rejects.toThrow();
    } finally {
      await agent.close();
    }
  });

  test("close() does not wait for a request held by a latency fault", async () => {
    const emulator = await startEmulator({ faults: [{ kind: "latency", delayMs: 20_000 }] });
    const pending = signedRequest(emulator, { path: "/api/v1/credentials" });
    await whenTrue(() => emulator.requests.length === 1, "the request reaching the emulator");
    await emulator.close();
    // Cut off, never answered: a close() that waited for it would see the answer 20 s later.
    await expect(pending).rejects.toThrow();
    expect(emulator.requests.map((r) => r.status)).toEqual([0]);
  });
});
