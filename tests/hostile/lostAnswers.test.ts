import { NcloudError } from "../../sdk";
import { startEmulator, type Emulator } from "../../sdk/emulator";
import { clientFor, failureOf, hostileHttp, hostileNet } from "./servers";

const SUB = "4e066e50-9c3a-11e7-8a66-1e5021fa7c80";

let emulator: Emulator;
let client: ReturnType<typeof clientFor>;
/** A fresh emulator and a client with 3 attempts around each test of the describe block that calls it. */
function freshEmulatorEachTest(): void {
  beforeEach(async () => {
    emulator = await startEmulator();
    client = clientFor(emulator.url, { accessKey: emulator.accessKey, secretKey: emulator.secretKey, maxAttempts: 3 });
  });
  afterEach(async () => {
    await client.close();
    await emulator.close();
  });
}

describe("a POST that may have reached NCP is never repeated", () => {
  freshEmulatorEachTest();

  test("a proxy's 503 after the backend committed (Envoy 'upstream connect error') is outcomeUnknown: one request, one key", async () => {
    emulator.faults.add({ method: "POST", kind: "commitThenStatus", status: 503, times: 1 });
    const error = await failureOf(client.subAccount.createAccessKey(SUB));
    expect(error).toBeInstanceOf(NcloudError);
    expect(error).toMatchObject({ status: 503, outcomeUnknown: true, retryable: false });
    expect(error.message).toContain("upstream connect error");
    expect(error.message).toContain("may or may not have carried it out");
    expect(emulator.requests.filter((r) => r.method === "POST")).toHaveLength(1);
    expect(emulator.state.liveKeys(SUB)).toHaveLength(1);
  });

  test("a delay before committing, past the deadline, then a 503: still one request", async () => {
    emulator.faults.add({ method: "POST", kind: "commitThenStatus", status: 503, delayMs: 300, times: 1 });
    const short = clientFor(emulator.url, { accessKey: emulator.accessKey, secretKey: emulator.secretKey, maxAttempts: 3, timeoutMs: 100 });
    try {
      const error = await failureOf(short.subAccount.createAccessKey(SUB));
      expect(error).toMatchObject({ code: "ETIMEDOUT", outcomeUnknown: true });
      expect(emulator.requests).toHaveLength(1);
    } finally {
      await short.close();
    }
  });

  test("the gateway's quota refusal (429) is known not to have run, and is retried", async () => {
    emulator.faults.add({ method: "POST", kind: "status", status: 429, times: 1 });
    await client.subAccount.createAccessKey(SUB);
    expect(emulator.requests.map((r) => r.status)).toEqual([429, 201]);
  });
});

describe("the keep-alive race: the server closes an idle connection just as the next POST is written", () => {
  test("the POST fails as outcomeUnknown and is not sent again; a GET in its place is retried", async () => {
    const posts: number[] = [];
    // Answers the first request on each connection with keep-alive; closes the connection
    // without answering as soon as the next request's bytes arrive.
    const server = await hostileNet((socket) => {
      let requestsOnSocket = 0;
      socket.on("data", (chunk: Buffer) => {
        if (chunk.toString("latin1").startsWith("POST")) posts.push(1);
        requestsOnSocket += 1;
        if (requestsOnSocket === 1) {
          socket.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\n[]");
        } else {
          socket.destroy();
        }
      });
    });
    const client = clientFor(server.url, { maxAttempts: 3 });
    try {
      await client.subAccount.listAccessKeys(SUB);
      // One turn of the event loop: undici marks the connection idle after the answer settles,
      // so the POST goes out on it (not on a second connection).
      await new Promise((resolve) => setImmediate(resolve));
      const error = await failureOf(client.subAccount.createAccessKey(SUB));
      expect(error).toMatchObject({ outcomeUnknown: true, retryable: false, status: undefined });
      expect(posts).toHaveLength(1);
      expect(server.hits).toBe(1);

      // The same race for a GET: sent again on a fresh connection, which answers.
      await client.subAccount.listAccessKeys(SUB);
      await new Promise((resolve) => setImmediate(resolve));
      await expect(client.subAccount.listAccessKeys(SUB)).resolves.toEqual([]);
    } finally {
      await client.close();
      await server.close();
    }
  });
});

describe("a DELETE retry that finds the key already gone", () => {
  freshEmulatorEachTest();

  test.each([
    ["commit then 503", { kind: "commitThenStatus", status: 503 }],
    ["commit then drop", { kind: "commitThenDrop" }],
    ["commit then 502", { kind: "commitThenStatus", status: 502 }],
  ] as const)("resolves after %s (the first attempt applied it)", async (_name, fault) => {
    const key = await client.subAccount.createAccessKey(SUB);
    emulator.faults.add({ method: "DELETE", ...fault, times: 1 });
    await client.subAccount.deleteAccessKey(SUB, key.accessKey);
    expect(emulator.state.liveKeys(SUB)).toEqual([]);
    expect(emulator.requests.filter((r) => r.method === "DELETE").map((r) => r.status)).toEqual([fault.kind === "commitThenDrop" ? 0 : fault.status, 400]);
  });

  test("a DELETE of a key that never existed still fails: no earlier attempt could have deleted it", async () => {
    const error = await failureOf(client.subAccount.deleteAccessKey(SUB, "NOSUCHKEY0000"));
    expect(error).toMatchObject({ status: 400, code: "904" });
  });

  test("a 904 after an earlier 429 (which did not run) still fails", async () => {
    emulator.faults.add({ method: "DELETE", kind: "status", status: 429, times: 1 });
    const error = await failureOf(client.subAccount.deleteAccessKey(SUB, "NOSUCHKEY0000"));
    expect(error).toMatchObject({ status: 400, code: "904" });
  });
});

describe("a PUT or DELETE whose last attempt is refused outright", () => {
  test.each(["PUT", "DELETE"] as const)("%s: 503, 503, then a 429 says NCP may have carried it out", async (method) => {
    const statuses = [503, 503, 429];
    const server = await hostileHttp((_req, res) => {
      const status = statuses.shift() ?? 500;
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { errorCode: String(status), message: status === 429 ? "Quota Exceeded" : "Service Unavailable" } }));
    });
    const client = clientFor(server.url, { maxAttempts: 3 });
    try {
      const call =
        method === "PUT"
          ? client.subAccount.setAccessKeyActive(SUB, "ncp_iam_KEY", false)
          : client.subAccount.deleteAccessKey(SUB, "ncp_iam_KEY");
      const error = await failureOf(call);
      expect(server.hits).toBe(3);
      expect(error).toMatchObject({ status: 429, outcomeUnknown: true });
      expect(error.message).toMatch(/NCP may or may not have carried it out/);
    } finally {
      await client.close();
      await server.close();
    }
  });
});
