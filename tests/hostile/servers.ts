import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from "node:http";
import { createServer as createNetServer, type Server as NetServer, type Socket } from "node:net";
import { inspect } from "node:util";
import { NcloudClient, type NcloudClientOptions } from "../../sdk";

/**
 * Servers on 127.0.0.1 that misbehave on purpose. Each one tracks its sockets and timers so
 * close() ends everything it started, whatever state the client left it in.
 */
export interface Hostile {
  url: string;
  port: number;
  /** Requests (http) or connections (net) received. */
  hits: number;
  /** Headers of each http request received, in order. */
  requests: Array<{ method: string; url: string; headers: IncomingMessage["headers"] }>;
  /** A timer that close() clears. */
  every(ms: number, fn: () => void): NodeJS.Timeout;
  close(): Promise<void>;
}

interface Tracked {
  sockets: Set<Socket>;
  timers: Set<NodeJS.Timeout>;
}

function track(server: HttpServer | NetServer): Tracked {
  const tracked: Tracked = { sockets: new Set(), timers: new Set() };
  server.on("connection", (socket: Socket) => {
    tracked.sockets.add(socket);
    socket.on("close", () => tracked.sockets.delete(socket));
  });
  return tracked;
}

async function listen(server: HttpServer | NetServer, tracked: Tracked, counts: { hits: number }): Promise<Hostile> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no TCP address");
  const hostile: Hostile = {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    get hits() {
      return counts.hits;
    },
    requests: [],
    every(ms, fn) {
      const timer = setInterval(fn, ms);
      tracked.timers.add(timer);
      return timer;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of tracked.timers) clearInterval(timer);
        server.close(() => resolve());
        for (const socket of tracked.sockets) socket.destroy();
      }),
  };
  return hostile;
}

/** An http server whose handler decides how to misbehave. */
export async function hostileHttp(handler: (req: IncomingMessage, res: ServerResponse, server: Hostile) => void): Promise<Hostile> {
  const counts = { hits: 0 };
  const self: { server?: Hostile } = {};
  const server = createHttpServer((req, res) => {
    counts.hits += 1;
    self.server?.requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers });
    // Read the request body first so the client is never blocked writing it.
    req.resume();
    req.on("end", () => handler(req, res, self.server as Hostile));
  });
  self.server = await listen(server, track(server), counts);
  return self.server;
}

/** A raw TCP server: the handler writes whatever bytes it likes. */
export async function hostileNet(handler: (socket: Socket, server: Hostile) => void): Promise<Hostile> {
  const counts = { hits: 0 };
  const self: { server?: Hostile } = {};
  const server = createNetServer((socket) => {
    counts.hits += 1;
    socket.on("error", () => undefined);
    handler(socket, self.server as Hostile);
  });
  self.server = await listen(server, track(server), counts);
  return self.server;
}

export const TEST_SECRET_KEY = "hostile-test-secret-key-0123456789";
export const TEST_API_KEY = "hostile-test-api-key-abcdefghijklmnop";

/** A client aimed at a hostile server: one attempt unless told otherwise, no real sleeping. */
export function clientFor(url: string, options: NcloudClientOptions = {}): NcloudClient {
  return new NcloudClient({
    endpoint: url,
    accessKey: "hostile-access-key",
    secretKey: TEST_SECRET_KEY,
    apiKey: TEST_API_KEY,
    env: {},
    maxAttempts: 1,
    retryBaseMs: 1,
    sleep: async () => undefined,
    ...options,
  });
}

/** A server answering every request with one JSON body, and a one-attempt client aimed at it; close() ends both. */
export async function answeringJson(status: number, body: unknown): Promise<{ client: NcloudClient; close(): Promise<void> }> {
  const server = await hostileHttp((_req, res) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  });
  const client = clientFor(server.url);
  return {
    client,
    async close() {
      await client.close();
      await server.close();
    },
  };
}

/** Everything a user could print of some values: message, stack, JSON, inspect. */
export function printed(values: unknown[]): string {
  return values
    .flatMap((v) => [
      String(v),
      JSON.stringify(v),
      inspect(v, { depth: 10 }),
      inspect(v, { depth: 10, showHidden: true }),
      v instanceof Error ? `${v.message}\n${v.stack}` : "",
    ])
    .join("\n");
}

/** The rejection of a promise (it must reject). */
export async function failureOf(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error("expected the call to fail");
}
