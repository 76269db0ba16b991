import { createServer, request as httpRequest, type Server } from "node:http";
import { connect, type Socket } from "node:net";
import { ProxyAgent } from "undici";
import { startEmulator, type Emulator } from "../../sdk/emulator";
import { guardConnects, stubDns, type ConnectGuard, type DnsStub } from "./loopbackGuard";
import { clientFor, failureOf, printed } from "./servers";

/**
 * A stand-in for a proxy on another machine, listening on loopback: CONNECT tunnels and plain
 * absolute-URI forwarding, counting each. Whatever host it is asked for, it connects to that port
 * on 127.0.0.1, so the endpoints below can be names that are not loopback (which the client sends
 * through a proxy) while nothing leaves this machine and no name is looked up.
 */
interface LoopbackProxy {
  url: string;
  tunnels: string[];
  forwarded: string[];
  /** The most tunnels open at once. */
  mostOpenTunnels: number;
  close(): Promise<void>;
}

async function startProxy(): Promise<LoopbackProxy> {
  const tunnels: string[] = [];
  const forwarded: string[] = [];
  const sockets = new Set<Socket>();
  const self = { mostOpenTunnels: 0 };
  let openTunnels = 0;
  const server: Server = createServer((req, res) => {
    forwarded.push(req.url ?? "");
    const target = new URL(req.url ?? "/");
    const upstream = httpRequest(
      { host: "127.0.0.1", port: target.port, path: `${target.pathname}${target.search}`, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  server.on("connect", (req, client: Socket) => {
    tunnels.push(req.url ?? "");
    const port = (req.url ?? "").split(":").pop();
    openTunnels += 1;
    self.mostOpenTunnels = Math.max(self.mostOpenTunnels, openTunnels);
    client.on("close", () => (openTunnels -= 1));
    const upstream = connect(Number(port), "127.0.0.1", () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream).add(client);
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return Object.assign(self, {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    forwarded,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  });
}

/** The emulator under a name that is not loopback (the stub resolves it to 127.0.0.1). */
const REMOTE = "ncp.example.test";

describe("proxies", () => {
  let emulator: Emulator;
  let proxy: LoopbackProxy;
  let guard: ConnectGuard;
  let dns: DnsStub;
  beforeEach(async () => {
    emulator = await startEmulator();
    proxy = await startProxy();
    guard = guardConnects();
    dns = stubDns({ [REMOTE]: ["127.0.0.1"] });
  });
  afterEach(async () => {
    dns.restore();
    guard.restore();
    await proxy.close();
    await emulator.close();
  });
  const clientVia = (options: Parameters<typeof clientFor>[1]) =>
    clientFor(emulator.url, { accessKey: emulator.accessKey, secretKey: emulator.secretKey, ...options });
  /** Plain http to a name that is not loopback goes through a proxy only with the opt-in. */
  const remoteVia = (options: Parameters<typeof clientFor>[1]) =>
    clientFor(`http://${REMOTE}:${new URL(emulator.url).port}`, {
      accessKey: emulator.accessKey,
      secretKey: emulator.secretKey,
      allowInsecureHttp: true,
      ...options,
    });

  test("HTTP_PROXY from the environment is honoured for an endpoint that is not loopback (a CONNECT tunnel; the proxy resolves the name)", async () => {
    const client = remoteVia({ env: { HTTP_PROXY: proxy.url } });
    try {
      await expect(client.sts.getCredentials()).resolves.toMatchObject({ accessKey: emulator.accessKey });
      expect(proxy.tunnels).toEqual([`${REMOTE}:${new URL(emulator.url).port}`]);
      expect(emulator.requests).toHaveLength(1);
      expect(dns.asked).toEqual([]);
    } finally {
      await client.close();
    }
  });

  test("lower-case https_proxy does not apply to an http endpoint; http_proxy does", async () => {
    const client = remoteVia({ env: { https_proxy: "http://127.0.0.1:9", http_proxy: proxy.url } });
    try {
      await client.sts.getCredentials();
      expect(proxy.tunnels).toHaveLength(1);
    } finally {
      await client.close();
    }
  });

  test("NO_PROXY sends the request direct", async () => {
    const client = remoteVia({ env: { HTTP_PROXY: proxy.url, NO_PROXY: REMOTE } });
    try {
      await client.sts.getCredentials();
      expect(proxy.tunnels).toEqual([]);
      expect(emulator.requests).toHaveLength(1);
      expect(dns.asked).toEqual([REMOTE]);
    } finally {
      await client.close();
    }
  });

  test("without proxy variables nothing goes through a proxy", async () => {
    const client = clientVia({ env: {} });
    try {
      await client.sts.getCredentials();
      expect(proxy.tunnels).toEqual([]);
    } finally {
      await client.close();
    }
  });

  test("through a proxy, a burst of calls opens at most maxSocketsPerOrigin tunnels", async () => {
    const client = remoteVia({ env: { HTTP_PROXY: proxy.url }, maxSocketsPerOrigin: 3 });
    try {
      const results = await Promise.all(Array.from({ length: 100 }, () => client.sts.getCredentials()));
      expect(results).toHaveLength(100);
      expect(emulator.requests).toHaveLength(100);
      expect(proxy.mostOpenTunnels).toBeLessThanOrEqual(3);
      expect(proxy.tunnels.length).toBeLessThanOrEqual(3);
    } finally {
      await client.close();
    }
  });

  test("a dispatcher option is used as given (a plain-http forwarding proxy), and left open by close()", async () => {
    const dispatcher = new ProxyAgent({ uri: proxy.url, proxyTunnel: false });
    const client = clientVia({ dispatcher });
    try {
      await client.sts.getCredentials();
      expect(proxy.forwarded).toEqual([`${emulator.url}/api/v1/credentials`]);
      await client.close();
      // Still usable: the caller owns it.
      const again = clientVia({ dispatcher });
      await again.sts.getCredentials();
      await again.close();
      expect(proxy.forwarded).toHaveLength(2);
    } finally {
      await dispatcher.close();
    }
  });

  test("a proxy that wants credentials is named as such, and its password is never shown", async () => {
    const refusing = createServer();
    refusing.on("connect", (_req, socket: Socket) => socket.end("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n\r\n"));
    await new Promise<void>((resolve) => refusing.listen(0, "127.0.0.1", resolve));
    const address = refusing.address();
    const port = typeof address === "object" && address ? address.port : 0;
    const client = remoteVia({ env: { HTTP_PROXY: `http://bob:pr0xy-passw0rd@127.0.0.1:${port}` } });
    try {
      const error = await failureOf(client.sts.getCredentials());
      expect(error.message).toMatch(/the proxy refused the tunnel to http:\/\/ncp\.example\.test:\d+ \(407\).*Fix: the proxy wants credentials/);
      expect(printed([error, client])).not.toContain("pr0xy-passw0rd");
      expect(emulator.requests).toHaveLength(0);
    } finally {
      await client.close();
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
  });
});
