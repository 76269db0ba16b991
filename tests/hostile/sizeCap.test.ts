import { MAX_PLAIN } from "../../sdk/errors/errorBody";
import { charactersScanned } from "../sdk/charactersScanned";
import { clientFor, failureOf, hostileHttp } from "./servers";

const MiB = 1024 * 1024;

describe("the response size cap", () => {
  test("a 100 MB answer streamed without a length fails clearly and is not read past the cap", async () => {
    const TOTAL = 100 * 1000 * 1000;
    let written = 0;
    let answerClosed: (bytes: number) => void = () => undefined;
    const closedAfter = new Promise<number>((resolve) => (answerClosed = resolve));
    const server = await hostileHttp((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      // Bounded: 100 MB at most; stops as soon as the client hangs up.
      const pump = (): void => {
        while (written < TOTAL && !res.destroyed) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        if (!res.destroyed) res.end();
      };
      res.on("close", () => answerClosed(written));
      pump();
    });
    const client = clientFor(server.url, { maxResponseBytes: 2 * MiB, maxAttempts: 3 });
    try {
      const error = await failureOf(client.subAccount.listAccessKeys("sub"));
      expect(error).toMatchObject({ code: "ResponseTooLarge", status: 200, outcomeUnknown: false });
      expect(error.message).toContain("maxResponseBytes=2097152");
      expect(error.message).toContain("ncloud:maxResponseBytes");
      expect(server.hits).toBe(1); // a too-large answer is not asked for again
      // The client hung up: the server stopped well short of 100 MB (socket buffers hold a few MB at most).
      expect(await closedAfter).toBeLessThan(TOTAL / 4);
    } finally {
      await client.close();
      await server.close();
    }
  });

  test("a declared Content-Length over the cap fails before reading the body; the default cap is 10 MiB", async () => {
    const server = await hostileHttp((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(11 * MiB) });
      res.write("[");
    });
    const client = clientFor(server.url);
    try {
      const error = await failureOf(client.sts.getCredentials());
      expect(error).toMatchObject({ code: "ResponseTooLarge" });
      expect(error.message).toContain(`maxResponseBytes=${10 * MiB}`);
    } finally {
      await client.close();
      await server.close();
    }
  });

  test("a POST whose 2xx answer is too large is outcomeUnknown (it did happen)", async () => {
    const server = await hostileHttp((_req, res) => {
      res.writeHead(201, { "content-type": "application/json" });
      res.end(`{"pad":"${"x".repeat(5000)}"}`);
    });
    const client = clientFor(server.url, { maxResponseBytes: 1000 });
    try {
      const error = await failureOf(client.subAccount.createAccessKey("sub"));
      expect(error).toMatchObject({ code: "ResponseTooLarge", outcomeUnknown: true });
    } finally {
      await client.close();
      await server.close();
    }
  });

  test("an answer just under the cap is read", async () => {
    const body = JSON.stringify({ accessKey: "AK", createTime: "2024-01-01T00:00:00Z", pad: "x".repeat(3000) });
    const server = await hostileHttp((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(body);
    });
    const client = clientFor(server.url, { maxResponseBytes: Buffer.byteLength(body) });
    try {
      await expect(client.sts.getCredentials()).resolves.toMatchObject({ accessKey: "AK" });
    } finally {
      await client.close();
      await server.close();
    }
  });
});

describe("error messages are bounded whatever the body", () => {
  test("a JSON message of 20 MB becomes a short error", async () => {
    const huge = "m".repeat(20 * 1000 * 1000);
    const server = await hostileHttp((_req, res) => {
      res.writeHead(400, { "content-type": "application/json" });
      res.end(JSON.stringify({ errorCode: 400, message: huge, details: huge }));
    });
    const client = clientFor(server.url, { maxResponseBytes: 64 * MiB });
    try {
      const error = await failureOf(client.sts.getCredentials());
      expect(error.message.length).toBeLessThan(1000);
      expect(JSON.stringify(error).length).toBeLessThan(2000);
    } finally {
      await client.close();
      await server.close();
    }
  });

  test("1 MB of '<' (once quadratic to strip) gives a short error after looking at each character of 64 KiB at most twice", async () => {
    for (const body of ["<".repeat(1024 * 1024), "<a".repeat(512 * 1024), `${"<".repeat(512 * 1024)}${">".repeat(512 * 1024)}`]) {
      const server = await hostileHttp((_req, res) => {
        res.writeHead(502, { "content-type": "text/html" });
        res.end(body);
      });
      const client = clientFor(server.url);
      try {
        // Work counted, not timed: a regex such as /<[^>]*>/g, or a scan from every '<', looks
        // at billions of characters here; the one-pass strip over the first MAX_PLAIN looks at each once.
        const scan = await charactersScanned(() => failureOf(client.sts.getCredentials()));
        expect(scan.calls).toBeGreaterThan(0);
        expect(scan.characters).toBeLessThanOrEqual(2 * MAX_PLAIN);
        expect(scan.result.message.length).toBeLessThan(1000);
        expect(scan.result).toMatchObject({ status: 502 });
      } finally {
        await client.close();
        await server.close();
      }
    }
  });
});
