import { NcloudError } from "../../sdk";
import { printed } from "../hostile/servers";
import { type Harness, SUB_ACCOUNT, harness, rejection } from "./helpers";

describe("no secret leaks into errors, logs or printed SDK objects", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness({}, { timeoutMs: 150, maxAttempts: 2 });
  });
  afterEach(() => h.close());

  test("across successes, every kind of failure, and the client itself", async () => {
    const errors: unknown[] = [];
    const collect = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => void errors.push(e));

    const created = await h.client.subAccount.createAccessKey(SUB_ACCOUNT);
    const sts = await h.client.sts.createCredentials({ durationSec: 600 });
    await h.client.searchEngine.updateApiAuthenticationKey("1531843", { accessKeyId: created.accessKey, secretKey: created.keySecret });

    // The search engine secretKey echoed back in a server error body.
    h.emulator.faults.add({ method: "POST", kind: "status", status: 500, times: 1 });
    await collect(h.client.searchEngine.updateApiAuthenticationKey("1531843", { accessKeyId: "AK", secretKey: created.keySecret }));
    await collect(h.client.subAccount.createAccessKey(SUB_ACCOUNT));
    await collect(h.client.subAccount.createAccessKey(SUB_ACCOUNT)); // 409
    h.emulator.faults.add({ kind: "latency", delayMs: 400, times: 2 });
    await collect(h.client.sts.getCredentials());
    h.emulator.faults.add({ method: "POST", kind: "commitThenDrop", times: 1 });
    await collect(h.client.sts.createCredentials());
    await collect(h.makeClient({ apiKey: h.emulator.apiKey + "x" }).nsml.listAuthKeys());
    await collect(h.makeClient({ secretKey: h.emulator.secretKey + "x" }).sts.getCredentials());
    await collect(h.client.searchEngine.getBucketList("1531843", { region: "EU" }));
    await collect(h.client.searchEngine.updateApiAuthenticationKey("x1", { accessKeyId: "AK", secretKey: created.keySecret }));

    expect(errors.length).toBeGreaterThanOrEqual(8);
    for (const e of errors) expect(e).toBeInstanceOf(NcloudError);
    expect(h.lines.length).toBeGreaterThan(5);

    const text = printed([...errors, h.client, h.client.subAccount, h.client.nsml, h.lines.join("\n")]);
    const secrets = [h.emulator.secretKey, h.emulator.apiKey, created.keySecret, sts.keySecret ?? "none"];
    for (const secret of secrets) expect(text).not.toContain(secret);
  });

  test("debug lines are one per attempt: method, path, status, attempt, ms", async () => {
    h.emulator.faults.add({ method: "GET", kind: "status", status: 503, times: 1 });
    await h.client.subAccount.listAccessKeys(SUB_ACCOUNT);
    expect(h.lines).toHaveLength(2);
    expect(h.lines[0]).toMatch(new RegExp(`^ncloud: GET /api/v1/sub-accounts/${SUB_ACCOUNT}/access-keys -> 503 attempt 1/2 \\d+ms$`));
    expect(h.lines[1]).toMatch(/-> 200 attempt 2\/2 \d+ms$/);
  });

  test("NCLOUD_DEBUG=1 without a debug option writes to stderr", async () => {
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      const client = h.makeClient({ debug: undefined, env: { NCLOUD_DEBUG: "1" } });
      await client.sts.getCredentials();
    } finally {
      spy.mockRestore();
    }
    expect(written.join("")).toMatch(/^ncloud: GET \/api\/v1\/credentials -> 200 attempt 1\/3/);
  });

  test("errors carry status, code, service, operation and flags as fields", async () => {
    const error = await rejection(h.client.subAccount.listAccessKeys("unknown-sub"), NcloudError);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      name: "NcloudError",
      status: 404,
      code: "30",
      service: "subAccount",
      operation: "subAccount.listAccessKeys",
      retryable: false,
      outcomeUnknown: false,
    });
  });
});

describe("a server that echoes the request body in its error", () => {
  test("the searchEngine secretKey is scrubbed from the message", async () => {
    const { createServer } = await import("node:http");
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        res.writeHead(400, { "content-type": "application/json" });
        res.end(JSON.stringify({ code: 400, message: `cannot parse ${body}`, result: null, requestId: "r-echo" }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    const { NcloudClient } = await import("../../sdk");
    const client = new NcloudClient({ endpoint: `http://127.0.0.1:${port}`, accessKey: "AKID", secretKey: "client-secret-key-1", env: {} });
    try {
      const error = await rejection(
        client.searchEngine.updateApiAuthenticationKey("1531843", { accessKeyId: "AK", secretKey: "echoed-secret-key-9" }),
        NcloudError,
      );
      expect(error.requestId).toBe("r-echo");
      expect(error.message).toContain("cannot parse");
      expect(printed([error])).not.toContain("echoed-secret-key-9");
    } finally {
      await client.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
