import { startEmulator } from "../../sdk/emulator";
import { TEST_API_KEY, TEST_SECRET_KEY, clientFor, failureOf, hostileHttp, printed } from "./servers";

/*
 * A server that reflects the request headers into its error body. The signature is not bound to
 * the body: for five minutes an echoed one replays any DELETE or PUT on the same path. So each
 * attempt's exact signature and timestamp are redacted by value, like the secret key, in every
 * form a server might echo them.
 */
type Seen = { signature: string; timestamp: string };

async function echoServer(status: number, render: (headers: Record<string, string>) => string) {
  const seen: Seen[] = [];
  const server = await hostileHttp((req, res) => {
    const headers = req.headers as Record<string, string>;
    seen.push({ signature: headers["x-ncp-apigw-signature-v2"], timestamp: headers["x-ncp-apigw-timestamp"] });
    res.writeHead(status, { "content-type": "application/json" });
    res.end(render(headers));
  });
  return { server, seen };
}

const renders: Array<[string, (h: Record<string, string>) => string]> = [
  ["JSON object of headers", (h) => JSON.stringify({ errorCode: 500, message: "bad", request: h })],
  ["JSON message quoting headers", (h) => JSON.stringify({ errorCode: 500, message: `got ${JSON.stringify(h)}` })],
  ["plain text, name=value", (h) => Object.entries(h).map(([k, v]) => `${k}=${v}`).join("&")],
  ["values alone", (h) => `sig ${h["x-ncp-apigw-signature-v2"]} at ${h["x-ncp-apigw-timestamp"]} key ${h["x-ncp-apigw-api-key"]}`],
  ["URL-encoded", (h) => `q=${encodeURIComponent(h["x-ncp-apigw-signature-v2"])}&k=${encodeURIComponent(h["x-ncp-apigw-api-key"])}`],
  ["base64", (h) => `token ${Buffer.from(h["x-ncp-apigw-api-key"]).toString("base64")} / ${Buffer.from(TEST_SECRET_KEY).toString("base64url")}`],
];

describe("an error body that echoes the request headers", () => {
  test.each(renders)("(%s) shows no signature, timestamp, API key or secret, in any form", async (_name, render) => {
    const { server, seen } = await echoServer(500, render);
    const lines: string[] = [];
    const client = clientFor(server.url, { maxAttempts: 2, debug: (line) => lines.push(line) });
    try {
      const error = await failureOf(client.nsml.listAuthKeys());
      expect(seen).toHaveLength(2);
      const text = printed([error, client]) + lines.join("\n");
      for (const { signature, timestamp } of seen) {
        for (const form of [signature, encodeURIComponent(signature), timestamp]) expect(text).not.toContain(form);
      }
      for (const secret of [TEST_API_KEY, TEST_SECRET_KEY]) {
        for (const form of [secret, Buffer.from(secret).toString("base64"), Buffer.from(secret).toString("base64url").slice(0, 30)]) {
          expect(text).not.toContain(form);
        }
      }
    } finally {
      await client.close();
      await server.close();
    }
  });

  test("the emulator's echo fault, through a PUT: the signature of that attempt is not shown", async () => {
    const emulator = await startEmulator();
    const client = clientFor(emulator.url, { accessKey: emulator.accessKey, secretKey: emulator.secretKey });
    try {
      const key = await client.subAccount.createAccessKey("4e066e50-9c3a-11e7-8a66-1e5021fa7c80");
      emulator.faults.add({ method: "PUT", kind: "echo", status: 400 });
      const error = await failureOf(client.subAccount.setAccessKeyActive("4e066e50-9c3a-11e7-8a66-1e5021fa7c80", key.accessKey, false));
      expect(error.message).toContain("[REDACTED]");
      expect(error.message).not.toMatch(/x-ncp-apigw-signature-v2: (?!\[REDACTED\])/);
      expect(printed([error])).not.toContain(emulator.secretKey);
    } finally {
      await client.close();
      await emulator.close();
    }
  });
});

describe("redaction happens before truncation", () => {
  test.each([
    ["a plain-text body", (secret: string) => `${"x".repeat(190)}${secret} tail`],
    ["a JSON message", (secret: string) => JSON.stringify({ errorCode: 400, message: `${"x".repeat(190)}${secret} tail` })],
  ])("through a server: a secret echoed across the quoting limit in %s leaves no part of itself", async (_name, body) => {
    const { server } = await echoServer(400, () => body(TEST_SECRET_KEY));
    const client = clientFor(server.url);
    try {
      const error = await failureOf(client.sts.getCredentials());
      expect(error.message).toContain("x".repeat(100));
      expect(error.message).not.toContain(TEST_SECRET_KEY.slice(0, 6));
    } finally {
      await client.close();
      await server.close();
    }
  });
});
