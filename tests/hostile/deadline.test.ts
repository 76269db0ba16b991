import { clientFor, failureOf, hostileHttp, hostileNet } from "./servers";

/*
 * timeoutMs bounds the whole attempt, connect to last byte, whatever the server does. undici's
 * own timers restart on every byte of the body (bodyTimeout) and on interim 1xx answers, so a
 * server can hold a call for as long as it likes with either.
 *
 * Counted, not timed: the server and the client share this process's timers, and Node runs due
 * timers in the order they fall due. The client's deadline falls due TIMEOUT_MS after it sent;
 * the server's k-th trickle EVERY_MS × k after the request arrived, which is later. So however
 * slow the machine, at most TIMEOUT_MS / EVERY_MS trickles (one more for a tie) come before the
 * deadline; without the deadline the call lasts until the server runs out of trickles. The
 * counts' lower bounds need the request to reach the server (in this same process) less than
 * TIMEOUT_MS − 2 × EVERY_MS (800 ms) after it was sent.
 */
const TIMEOUT_MS = 1000;
const EVERY_MS = 100;
const BEFORE_DEADLINE = TIMEOUT_MS / EVERY_MS + 1;
/** How long the server keeps trickling: far past the deadline. */
const TRICKLES = 4 * BEFORE_DEADLINE;

describe("the attempt deadline", () => {
  test(`a body dripping one byte every ${EVERY_MS} ms fails at timeoutMs, before the drips run out`, async () => {
    let drips = 0;
    const server = await hostileHttp((_req, res, self) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write("[");
      // Bounded: TRICKLES bytes, then the body ends: a call without the deadline ends there, not in ETIMEDOUT.
      self.every(EVERY_MS, () => {
        if (res.destroyed || drips >= TRICKLES) return;
        drips += 1;
        if (drips < TRICKLES) res.write(" ");
        else res.end("]");
      });
    });
    const client = clientFor(server.url, { timeoutMs: TIMEOUT_MS });
    try {
      const error = await failureOf(client.subAccount.listAccessKeys("sub"));
      expect(error).toMatchObject({ code: "ETIMEDOUT" });
      expect(error.message).toContain(`timeoutMs=${TIMEOUT_MS}`);
      // Some drips arrived (each restarts undici's body timeout), and the deadline cut them short.
      expect(drips).toBeGreaterThanOrEqual(1);
      expect(drips).toBeLessThanOrEqual(BEFORE_DEADLINE);
    } finally {
      await client.close();
      await server.close();
    }
  });

  test(`interim 1xx answers every ${EVERY_MS} ms do not hold the call: it fails at timeoutMs, before they run out`, async () => {
    let interim = 0;
    const server = await hostileNet((socket, self) => {
      socket.once("data", () => {
        // Bounded: TRICKLES interim answers, then a final one: a call without the deadline ends there.
        self.every(EVERY_MS, () => {
          if (socket.destroyed || interim >= TRICKLES) return;
          interim += 1;
          if (interim < TRICKLES) socket.write("HTTP/1.1 102 Processing\r\n\r\n");
          else socket.end('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 20\r\n\r\n{"accessKey":"late"}');
        });
      });
    });
    const client = clientFor(server.url, { timeoutMs: TIMEOUT_MS });
    try {
      const error = await failureOf(client.sts.getCredentials());
      expect(error).toMatchObject({ code: "ETIMEDOUT" });
      expect(interim).toBeGreaterThanOrEqual(2);
      expect(interim).toBeLessThanOrEqual(BEFORE_DEADLINE);
    } finally {
      await client.close();
      await server.close();
    }
  });

  test("a POST cut off by the deadline is outcomeUnknown and sent once", async () => {
    const server = await hostileHttp((_req, res) => {
      res.writeHead(201, { "content-type": "application/json" });
      res.write("{"); // and nothing more
    });
    const client = clientFor(server.url, { timeoutMs: 500, maxAttempts: 3 });
    try {
      const error = await failureOf(client.subAccount.createAccessKey("sub"));
      expect(error).toMatchObject({ code: "ETIMEDOUT", outcomeUnknown: true });
      expect(server.hits).toBe(1);
    } finally {
      await client.close();
      await server.close();
    }
  });
});
