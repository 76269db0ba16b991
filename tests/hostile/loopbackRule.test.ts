import type { Socket } from "node:net";
import { Agent } from "undici";
import { rotationNow, TEST_CLOCK_VARIABLE } from "../../provider/handlers/rotation";
import { INVALID_INPUT, type NcloudClient, type NcloudClientOptions } from "../../sdk";
import { guardConnects, NOT_LOOPBACK_ADDRESS, stubDns, type ConnectGuard, type DnsStub } from "./loopbackGuard";
import { clientFor, failureOf, hostileHttp, hostileNet, type Hostile } from "./servers";

/*
 * One rule for where bytes go: plain http only when every hop is loopback. Names are answered by
 * a stubbed dns.lookup, and every connect to an address that is not loopback is stopped and
 * recorded (loopbackGuard.ts): nothing here can leave the machine, whatever the code under test does.
 */
const OK = JSON.stringify({ accessKey: "AK", createTime: "2024-01-01T00:00:00Z" });
const NAME = "emulator.example.test";
const TEST_NOW = { [TEST_CLOCK_VARIABLE]: "2030-01-01T00:00:00Z" };

/** A stand-in for a proxy somewhere else: it answers nothing, and counts what reaches it. */
async function recordingProxy(): Promise<Hostile & { received: () => string }> {
  let received = "";
  const proxy = await hostileNet((socket: Socket) => {
    socket.on("data", (chunk: Buffer) => {
      received += chunk.toString("latin1");
      socket.end("HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\n\r\n");
    });
  });
  return Object.assign(proxy, { received: () => received });
}

let server: Hostile;
let proxy: Hostile & { received: () => string };
let guard: ConnectGuard;
let dns: DnsStub | undefined;
const clients: NcloudClient[] = [];

beforeEach(async () => {
  server = await hostileHttp((_req, res) => res.end(OK));
  proxy = await recordingProxy();
  guard = guardConnects();
});
afterEach(async () => {
  guard.restore();
  dns?.restore();
  dns = undefined;
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all([server.close(), proxy.close()]);
});

function client(url: string, options: NcloudClientOptions = {}): NcloudClient {
  const made = clientFor(url.replace("PORT", String(server.port)), { timeoutMs: 5000, ...options });
  clients.push(made);
  return made;
}

function proxyEnv(...names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, proxy.url]));
}

describe("a loopback endpoint never goes through a proxy", () => {
  test.each([
    ["http://127.0.0.1:PORT", ["HTTP_PROXY"]],
    ["http://127.0.0.1:PORT", ["HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"]],
    ["http://localhost:PORT", ["http_proxy"]],
    ["http://foo.localhost:PORT", ["HTTP_PROXY", "HTTPS_PROXY"]],
  ])("%s with %j set: the proxy receives nothing, the endpoint gets the call", async (url, names) => {
    await expect(client(url, { env: proxyEnv(...names) }).sts.getCredentials()).resolves.toMatchObject({ accessKey: "AK" });
    expect(proxy.hits).toBe(0);
    expect(proxy.received()).toBe("");
    expect(server.hits).toBe(1);
  });

  test("NO_PROXY naming something else changes nothing", async () => {
    await client("http://127.0.0.1:PORT", { env: { ...proxyEnv("HTTP_PROXY"), NO_PROXY: "example.com" } }).sts.getCredentials();
    expect(proxy.hits).toBe(0);
  });
});

describe("a name counts as loopback only by where it resolves when the connection is made", () => {
  test("localhost and *.localhost are pinned to loopback: DNS is not asked, whatever it would say", async () => {
    dns = stubDns({ localhost: [NOT_LOOPBACK_ADDRESS], "foo.localhost": [NOT_LOOPBACK_ADDRESS] });
    await expect(client("http://localhost:PORT").sts.getCredentials()).resolves.toMatchObject({ accessKey: "AK" });
    await expect(client("http://foo.localhost:PORT").sts.getCredentials()).resolves.toMatchObject({ accessKey: "AK" });
    expect(dns?.asked).toEqual([]);
    expect(guard.stopped).toEqual([]);
    expect(server.hits).toBe(2);
  });

  test.each([
    ["a non-loopback address", [NOT_LOOPBACK_ADDRESS]],
    ["a loopback and a non-loopback address", ["127.0.0.1", NOT_LOOPBACK_ADDRESS]],
  ])("plain http to a name that resolves to %s is refused before a byte is sent, naming the address", async (_name, addresses) => {
    dns = stubDns({ [NAME]: addresses });
    const error = await failureOf(client(`http://${NAME}:PORT`, { env: proxyEnv("HTTP_PROXY") }).sts.getCredentials());
    expect(error).toMatchObject({ code: INVALID_INPUT, outcomeUnknown: false, retryable: false });
    expect(error.message).toContain(`${NAME}:${server.port}`);
    expect(error.message).toContain(NOT_LOOPBACK_ADDRESS);
    expect(error.message).toMatch(/in clear/);
    expect(error.message).toContain("NCLOUD_ALLOW_INSECURE_HTTP");
    // Judged by what the name resolved to, when connecting: nothing connected.
    expect(dns?.asked).toEqual([NAME]);
    expect(guard.stopped).toEqual([]);
    expect(proxy.hits).toBe(0);
    expect(server.hits).toBe(0);
  });

  test("plain http to an address that is not loopback is refused before any connection", async () => {
    const error = await failureOf(client(`http://${NOT_LOOPBACK_ADDRESS}:PORT`).sts.getCredentials());
    expect(error).toMatchObject({ code: INVALID_INPUT });
    expect(error.message).toContain(`plain http to ${NOT_LOOPBACK_ADDRESS}:${server.port}`);
    expect(guard.stopped).toEqual([]);
  });

  test("plain http to a name that resolves only to loopback is sent, directly, even with a proxy set", async () => {
    dns = stubDns({ [NAME]: ["127.0.0.1"] });
    const named = client(`http://${NAME}:PORT`, { env: proxyEnv("HTTP_PROXY", "HTTPS_PROXY") });
    await expect(named.sts.getCredentials()).resolves.toMatchObject({ accessKey: "AK" });
    expect(dns?.asked).toContain(NAME);
    expect(proxy.hits).toBe(0);
    expect(server.hits).toBe(1);
  });
});

describe("the rotation test clock follows the same rule", () => {
  test("honoured for a loopback endpoint while a proxy is set, whose calls then go direct", async () => {
    const loopback = client("http://127.0.0.1:PORT", { env: proxyEnv("HTTP_PROXY") });
    expect(rotationNow(loopback, TEST_NOW)).toBe(Date.parse("2030-01-01T00:00:00Z"));
    await loopback.sts.getCredentials();
    expect(proxy.hits).toBe(0);
  });

  test("honoured for foo.localhost, pinned to loopback whatever DNS says, and that is where its calls go", async () => {
    dns = stubDns({ "foo.localhost": [NOT_LOOPBACK_ADDRESS] });
    const pinned = client("http://foo.localhost:PORT");
    expect(rotationNow(pinned, TEST_NOW)).toBe(Date.parse("2030-01-01T00:00:00Z"));
    await pinned.sts.getCredentials();
    expect(server.hits).toBe(1);
    expect(guard.stopped).toEqual([]);
  });

  test("ignored for a name known to be loopback only when connecting, though its calls go", async () => {
    dns = stubDns({ [NAME]: ["127.0.0.1"] });
    const named = client(`http://${NAME}:PORT`);
    await named.sts.getCredentials();
    expect(server.hits).toBe(1);
    expect(rotationNow(named, TEST_NOW)).toBeLessThan(Date.parse("2030-01-01T00:00:00Z"));
  });

  test("ignored when a dispatcher of the caller's sends the calls: where it connects is not the client's to see", async () => {
    const dispatcher = new Agent();
    try {
      expect(rotationNow(client("http://127.0.0.1:PORT", { dispatcher }), TEST_NOW)).toBeLessThan(Date.parse("2030-01-01T00:00:00Z"));
    } finally {
      await dispatcher.close();
    }
  });
});
