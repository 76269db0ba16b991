import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { Pool } from "undici";
import { INVALID_INPUT, type NcloudClient, type NcloudClientOptions } from "../../sdk";
import { clientFor, failureOf } from "./servers";

/** A loopback server that counts the sockets open to it at once, and the most there ever were. */
async function countingServer(handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end(OK)) {
  const sockets = new Set<Socket>();
  const counts = { connections: 0, open: 0, mostOpen: 0, requests: 0 };
  const server = createServer((req, res) => {
    counts.requests += 1;
    req.resume();
    req.on("end", () => handler(req, res));
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    counts.connections += 1;
    counts.open += 1;
    counts.mostOpen = Math.max(counts.mostOpen, counts.open);
    socket.on("close", () => {
      sockets.delete(socket);
      counts.open -= 1;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

const OK = JSON.stringify({ accessKey: "AK", createTime: "2024-01-01T00:00:00Z" });
const CALLS = 1000;

let server: Awaited<ReturnType<typeof countingServer>>;
const clients: NcloudClient[] = [];
beforeEach(async () => {
  server = await countingServer();
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await server.close();
});

function client(options: NcloudClientOptions = {}): NcloudClient {
  const made = clientFor(server.url, options);
  clients.push(made);
  return made;
}

async function callAtOnce(target: NcloudClient, calls: number): Promise<number> {
  const results = await Promise.all(Array.from({ length: calls }, () => target.sts.getCredentials()));
  return results.filter((r) => r.accessKey === "AK").length;
}

describe("sockets per origin are capped", () => {
  test.each([
    ["by default, at 16", {}, 16],
    ["by maxSocketsPerOrigin", { maxSocketsPerOrigin: 4 }, 4],
    ["by NCLOUD_MAX_SOCKETS_PER_ORIGIN", { env: { NCLOUD_MAX_SOCKETS_PER_ORIGIN: "3" } }, 3],
  ])(`${CALLS} calls at once all complete, %s: never more sockets open than that`, async (_name, options, cap) => {
    await expect(callAtOnce(client(options), CALLS)).resolves.toBe(CALLS);
    expect(server.counts.requests).toBe(CALLS);
    expect(server.counts.mostOpen).toBeLessThanOrEqual(cap);
    // Kept alive and reused, not opened and closed under the cap.
    expect(server.counts.connections).toBeLessThanOrEqual(cap);
  });

  test.each([
    ["maxSocketsPerOrigin", { maxSocketsPerOrigin: 0 }, "0"],
    ["maxSocketsPerOrigin", { maxSocketsPerOrigin: 257 }, "257"],
    ["maxSocketsPerOrigin", { maxSocketsPerOrigin: 2.5 }, "2.5"],
    ["NCLOUD_MAX_SOCKETS_PER_ORIGIN", { env: { NCLOUD_MAX_SOCKETS_PER_ORIGIN: "lots" } }, '"lots"'],
  ])("%s out of range (%j) is InvalidInput naming it, before any connection", async (field, options, shown) => {
    // The option fails the constructor, the variable the first call: either way before a connection.
    const error = await failureOf((async () => client(options).sts.getCredentials())());
    expect(error).toMatchObject({ code: INVALID_INPUT, outcomeUnknown: false });
    expect(error.message).toContain(field);
    expect(error.message).toContain(`got ${shown}`);
    expect(error.message).toMatch(/from 1 to 256/);
    expect(server.counts.connections).toBe(0);
  });
});

describe("a call that waits for a socket past its deadline", () => {
  test("was never sent: a POST is not reported as possibly carried out, and the server never sees it", async () => {
    let release = (): void => undefined;
    let arrived = (): void => undefined;
    const firstArrived = new Promise<void>((resolve) => (arrived = resolve));
    const held = await countingServer((req, res) => {
      if (req.method !== "GET") return res.end(OK);
      release = () => res.end(OK);
      arrived();
    });
    // One socket, shared by two clients through a dispatcher of the caller's: the first call holds
    // it, the second waits in the pool's queue for longer than its own deadline.
    const pool = new Pool(held.url, { connections: 1 });
    const patient = clientFor(held.url, { dispatcher: pool, timeoutMs: 60_000 });
    const hasty = clientFor(held.url, { dispatcher: pool, timeoutMs: 200 });
    try {
      const first = patient.sts.getCredentials();
      // Awaited below; if an expectation fails first, its rejection at cleanup is not unhandled.
      first.catch(() => undefined);
      await firstArrived;
      const error = await failureOf(hasty.sts.createCredentials());
      expect(error).toMatchObject({ code: "ETIMEDOUT_BEFORE_SENDING", outcomeUnknown: false, retryable: true });
      expect(error.message).toContain("before the request was sent");
      expect(error.message).toContain("maxSocketsPerOrigin");
      release();
      await first;
      // The queued POST is dropped when its turn comes, not written.
      await pool.close();
      expect(held.counts.requests).toBe(1);
    } finally {
      await Promise.all([patient.close(), hasty.close()]);
      await pool.destroy().catch(() => undefined);
      await held.close();
    }
  });
});
