import { clientFor, failureOf, hostileHttp, hostileNet } from "./servers";

/*
 * timeoutMs bounds the whole attempt, connect to last byte, whatever the server does. undici's
 * own timers restart on every byte of the body (bodyTimeout) and on interim 1xx answers, so a
 * server can hold a call for as long as it likes with either.
 */
const TIMEOUT_MS = 3000;
const SLACK_MS = 1000;

describe("the attempt deadline", () => {
  test("a body dripping one byte every 2 s fails within timeoutMs + 1 s", async () => {
    let drips = 0;
    const server = await hostileHttp((_req, res, self) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write("[");
      // Bounded: at most 30 bytes, one every 2 s; close() clears the timer.
      self.every(2000, () => {
        if (drips++ < 30 && !res.destroyed) res.write(" ");
      });
    });
    const client = clientFor(server.url, { timeoutMs: TIMEOUT_MS });
    try {
      const started = Date.now();
      const error = await failureOf(client.subAccount.listAccessKeys("sub"));
      const elapsed = Date.now() - started;
      expect(error).toMatchObject({ code: "ETIMEDOUT" });
      expect(error.message).toContain(`timeoutMs=${TIMEOUT_MS}`);
      expect(elapsed).toBeLessThan(TIMEOUT_MS + SLACK_MS);
      expect(drips).toBeGreaterThanOrEqual(1);
    } finally {
      await client.close();
      await server.close();
    }
  }, 15_000);

  test("interim 1xx answers every 500 ms do not hold the call: it fails within timeoutMs + 1 s", async () => {
    let interim = 0;
    const server = await hostileNet((socket, self) => {
      socket.once("data", () => {
        // Bounded: at most 40 interim answers.
        self.every(500, () => {
          if (interim++ < 40 && !socket.destroyed) socket.write("HTTP/1.1 102 Processing\r\n\r\n");
        });
      });
    });
    const client = clientFor(server.url, { timeoutMs: TIMEOUT_MS });
    try {
      const started = Date.now();
      const error = await failureOf(client.sts.getCredentials());
      expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + SLACK_MS);
      expect(error).toMatchObject({ code: "ETIMEDOUT" });
      expect(interim).toBeGreaterThanOrEqual(2);
    } finally {
      await client.close();
      await server.close();
    }
  }, 15_000);

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
