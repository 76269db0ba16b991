import { startEmulator } from "../../sdk/emulator";
import { clientFor, failureOf, hostileHttp, hostileNet } from "./servers";

/*
 * Server text reaches error messages, error fields and, through them, logs and terminals. A
 * server that puts CR, LF, ESC or a bidirectional control in its answer must not be able to forge
 * a log line or a CI annotation, or drive the terminal: every such character is shown escaped.
 */
// eslint-disable-next-line no-control-regex -- what must never be shown raw
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const FORGED = "bad\r\n::error file=x::forged\u001b[2J\u001b]0;pwned\u0007\u009b31m\u2028\u202eevil";

function shown(error: Error & Record<string, unknown>): string[] {
  return [error.message, String(error), String(error.code), String(error.requestId), JSON.stringify(error)];
}

test.each([
  ["the gateway's error shape", 401, { error: { errorCode: `200${FORGED}`, message: FORGED, details: FORGED } }],
  ["a service's error shape", 400, { errorCode: 9012, message: FORGED, requestId: FORGED }],
  ["Search Engine's shape", 500, { code: 5001, message: FORGED, result: null, requestId: FORGED }],
])("%s: message, code and request id show the control characters escaped", async (_name, status, body) => {
  const server = await hostileHttp((_req, res) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  });
  const client = clientFor(server.url);
  try {
    const error = await failureOf(client.subAccount.listAccessKeys("sub"));
    for (const text of shown(error)) expect(text).not.toMatch(UNSAFE);
    expect(error.message).toContain("bad\\r\\n::error file=x::forged\\u001b[2J");
  } finally {
    await client.close();
    await server.close();
  }
});

test("a request id header with C1 controls (bytes 0x80-0x9f, which HTTP lets through as obs-text) is escaped", async () => {
  const body = JSON.stringify({ errorCode: 1, message: "no" });
  const server = await hostileNet((socket) => {
    socket.once("data", () => {
      const head = `HTTP/1.1 500 Internal Server Error\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nx-ncp-trace-id: trace`;
      socket.end(Buffer.concat([Buffer.from(head, "latin1"), Buffer.from([0x9b, 0x32, 0x4a, 0x85]), Buffer.from(`\r\n\r\n${body}`, "latin1")]));
    });
  });
  const client = clientFor(server.url);
  try {
    const error = await failureOf(client.subAccount.listAccessKeys("sub"));
    expect(error.requestId).toBe("trace\\u009b2J\\u0085");
    for (const text of shown(error)) expect(text).not.toMatch(UNSAFE);
  } finally {
    await client.close();
    await server.close();
  }
});

test("a plain-text (proxy) error page is escaped too", async () => {
  const server = await hostileHttp((_req, res) => {
    res.writeHead(503, { "content-type": "text/plain", "retry-after": "1" });
    res.end(`<html>${FORGED}</html>`);
  });
  const client = clientFor(server.url, { maxAttempts: 2 });
  try {
    const error = await failureOf(client.sts.getCredentials());
    for (const text of shown(error)) expect(text).not.toMatch(UNSAFE);
    expect(error.message).toContain("\\u202eevil");
  } finally {
    await client.close();
    await server.close();
  }
});

test("Search Engine's 200 with an error code: its message and request id are escaped", async () => {
  const server = await hostileHttp((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ code: 5001, message: FORGED, result: null, requestId: `req${FORGED}` }));
  });
  const client = clientFor(server.url);
  try {
    const error = await failureOf(client.searchEngine.getBucketList("1531843"));
    for (const text of shown(error)) expect(text).not.toMatch(UNSAFE);
    expect(error.message).toContain("::error file=x::forged");
  } finally {
    await client.close();
    await server.close();
  }
});

test("the emulator's answers, which carry none, are shown as they are", async () => {
  const emulator = await startEmulator();
  const client = clientFor(emulator.url, { accessKey: emulator.accessKey, secretKey: emulator.secretKey });
  try {
    const error = await failureOf(client.subAccount.listAccessKeys("no-such-sub-account"));
    expect(error.message).not.toContain("\\u");
    expect(error.message).not.toMatch(UNSAFE);
  } finally {
    await client.close();
    await emulator.close();
  }
});
