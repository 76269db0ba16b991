import { createServer, request as httpRequest, type Server } from "node:http";
import { connect, type Socket } from "node:net";
import { ProxyAgent } from "undici";
import { startEmulator, type Emulator } from "../../sdk/emulator";
import { clientFor, failureOf, printed } from "./servers";

/** A loopback proxy: CONNECT tunnels and plain absolute-URI forwarding, counting each. */
interface LoopbackProxy {
  url: string;
  tunnels: string[];
  forwarded: string[];
  close(): Promise<void>;
}

async function startProxy(): Promise<LoopbackProxy> {
  const tunnels: string[] = [];
  const forwarded: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    forwarded.push(req.url ?? "");
    const target = new URL(req.url ?? "/");
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: req.method, headers: req.headers },
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
    const [host, port] = (req.url ?? "").split(":");
    const upstream = connect(Number(port), host, () => {
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
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    forwarded,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

describe("proxies", () => {
  let emulator: Emulator;
  let proxy: LoopbackProxy;
  beforeEach(async () => {
    emulator = await startEmulator();
    proxy = await startProxy();
  });
  afterEach(async () => {
    await proxy.close();
    await emulator.close();
  });
  const clientVia = (options: Parameters<typeof clientFor>[1]) =>
    clientFor(emulator.url, { accessKey: emulator.accessKey, secretKey: emulator.secretKey, ...options });

  test("HTTP_PROXY from the environment is honoured (a CONNECT tunnel)", async () => {
    const client = clientVia({ env: { HTTP_PROXY: proxy.url } });
    try {
      await expect(client.sts.getCredentials()).resolves.toMatchObject({ accessKey: emulator.accessKey });
      expect(proxy.tunnels).toEqual([new URL(emulator.url).host]);
      expect(emulator.requests).toHaveLength(1);
    } finally {
      await client.close();
    }
  });

  test("lower-case https_proxy does not apply to an http endpoint; http_proxy does", async () => {
    const client = clientVia({ env: { https_proxy: "http://127.0.0.1:9", http_proxy: proxy.url } });
    try {
      await client.sts.getCredentials();
      expect(proxy.tunnels).toHaveLength(1);
    } finally {
      await client.close();
    }
  });

  test("NO_PROXY sends the request direct", async () => {
    const client = clientVia({ env: { HTTP_PROXY: proxy.url, NO_PROXY: "127.0.0.1" } });
    try {
      await client.sts.getCredentials();
      expect(proxy.tunnels).toEqual([]);
      expect(emulator.requests).toHaveLength(1);
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
    const client = clientVia({ env: { HTTP_PROXY: `http://bob:pr0xy-passw0rd@127.0.0.1:${port}` } });
    try {
      const error = await failureOf(client.sts.getCredentials());
      expect(error.message).toMatch(/the proxy refused the tunnel to http:\/\/127\.0\.0\.1:\d+ \(407\).*Fix: the proxy wants credentials/);
      expect(printed([error, client])).not.toContain("pr0xy-passw0rd");
      expect(emulator.requests).toHaveLength(0);
    } finally {
      await client.close();
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
  });
});
