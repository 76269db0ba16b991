import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";

/**
 * An NCP stand-in on 127.0.0.1 that answers with errors quoting back what it knows: the request it
 * received (headers, body) and one secret it holds, the way a server that knows a key's secret (NCP
 * made it) or a service group's key (it was sent there) could quote it. Raw node:http, no SDK code:
 * what it echoes is exactly what arrived.
 *
 * NCP's errors are quoted into messages up to a length (sdk/call/failure.ts MAX_QUOTE), so each answer
 * echoes ONE secret, in every form, at the start of each quoted field: a test runs an operation
 * once per secret, and whatever the SDK keeps of the answer holds that secret.
 */
export type EchoShape = "gateway" | "flat" | "searchEngine" | "text";
export const ECHO_SHAPES: readonly EchoShape[] = ["gateway", "flat", "searchEngine", "text"];

/** What a scripted answer is: status and JSON body. */
export interface EchoAnswer {
  status: number;
  body: unknown;
}

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export interface SecretEcho {
  url: string;
  /** Every request received, in order. */
  readonly received: ReceivedRequest[];
  /**
   * Sets what the next answers echo: `secret`, a value or "signature" (each request's own
   * `x-ncp-apigw-signature-v2`), in the answer shape `shape`. `script` answers a request first
   * when it returns something (a create that succeeds before the step that fails).
   */
  echo(secret: string, shape: EchoShape, script?: (request: ReceivedRequest) => EchoAnswer | undefined): void;
  close(): Promise<void>;
}

/** A value as a server may quote it: as is, base64, base64url, URL-encoded. */
export function encodings(value: string): string[] {
  const bytes = Buffer.from(value, "utf8");
  return [...new Set([value, bytes.toString("base64"), bytes.toString("base64").replace(/=+$/, ""), bytes.toString("base64url"), encodeURIComponent(value)])];
}

/** The secrets (each in every encoding) that occur in `text`. */
export function leaksIn(text: string, secrets: Iterable<string>): string[] {
  return [...secrets].filter((secret) => encodings(secret).some((form) => text.includes(form)));
}

export const ECHO_MARKER = "ECHO";

function answer(shape: EchoShape, secret: string, request: ReceivedRequest): { status: number; type: string; text: string } {
  const [raw, base64, , base64url, url] = encodings(secret).concat(["", "", "", ""]).slice(0, 5);
  const received = JSON.stringify({ headers: request.headers, body: request.body });
  switch (shape) {
    case "gateway":
      return {
        status: 400,
        type: "application/json",
        text: JSON.stringify({ error: { errorCode: raw, message: `${ECHO_MARKER} ${raw} ${url}`, details: `${base64} ${received}` } }),
      };
    case "flat":
      return { status: 409, type: "application/json", text: JSON.stringify({ errorCode: 999, message: `${ECHO_MARKER} ${base64url} ${raw}`, received }) };
    case "searchEngine":
      return { status: 400, type: "application/json", text: JSON.stringify({ code: 400, message: `${ECHO_MARKER} ${url} ${raw}`, result: null, requestId: raw }) };
    case "text":
      return { status: 502, type: "text/plain", text: `${ECHO_MARKER} ${raw} ${base64} ${received}` };
  }
}

export async function startSecretEcho(): Promise<SecretEcho> {
  const received: ReceivedRequest[] = [];
  let current: { secret: string; shape: EchoShape; script?: (request: ReceivedRequest) => EchoAnswer | undefined } = { secret: "", shape: "gateway" };
  const sockets = new Set<Socket>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request: ReceivedRequest = { method: req.method ?? "", path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      received.push(request);
      const scripted = current.script?.(request);
      if (scripted) {
        res.writeHead(scripted.status, { "content-type": "application/json" });
        res.end(JSON.stringify(scripted.body));
        return;
      }
      const secret = current.secret === "signature" ? String(req.headers["x-ncp-apigw-signature-v2"]) : current.secret;
      const { status, type, text } = answer(current.shape, secret, request);
      // The trace id header becomes an error's requestId: echo there too.
      res.writeHead(status, { "content-type": type, "x-ncp-trace-id": secret });
      res.end(text);
    });
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no TCP address");
  return {
    url: `http://127.0.0.1:${address.port}`,
    received,
    echo(secret, shape, script) {
      current = { secret, shape, script };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
