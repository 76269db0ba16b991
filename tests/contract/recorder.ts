import { type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { signature } from "../../sdk";

/** One request as it arrived on the wire. */
export interface Recorded {
  method: string;
  /** Without the query. */
  path: string;
  /** Lower-cased names, as node gives them. */
  headers: IncomingHttpHeaders;
  /** The raw body, "" when there was none. */
  body: string;
}

/** The signature v2 a recorded request carries when `keys` signed it, recomputed from what arrived. */
export function signatureFor(request: Recorded, keys: { accessKey: string; secretKey: string }): string {
  return signature({
    method: request.method,
    pathAndQuery: request.path,
    timestamp: String(request.headers["x-ncp-apigw-timestamp"]),
    accessKey: keys.accessKey,
    secretKey: keys.secretKey,
  });
}

export interface Answer {
  status: number;
  /** An object is sent as JSON; a string as is; undefined sends no body at all. */
  body?: unknown;
  headers?: Record<string, string>;
}

export type Responder = (request: Recorded) => Answer;

/** Largest body the recorder reads: the SDK sends a few hundred bytes at most. */
const MAX_BODY = 64 * 1024;

/**
 * A plain node:http server on 127.0.0.1 that records every request and answers what the test
 * says: a stand-in for NCP that knows nothing of the SDK, so what it records is what the SDK sent.
 */
export class Recorder {
  readonly requests: Recorded[] = [];
  #responder: Responder;
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  #url = "";

  constructor(responder: Responder) {
    this.#responder = responder;
    this.#server = createServer((req, res) => this.#handle(req, res));
    this.#server.on("connection", (socket) => {
      this.#sockets.add(socket);
      socket.on("close", () => this.#sockets.delete(socket));
    });
  }

  get url(): string {
    return this.#url;
  }

  /** Answer with another responder from now on (one recorder can serve many rows). */
  respondWith(responder: Responder): void {
    this.#responder = responder;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once("error", reject);
      this.#server.listen(0, "127.0.0.1", () => resolve());
    });
    this.#url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  /** The requests recorded since `from` (an index into requests). */
  since(from: number): Recorded[] {
    return this.requests.slice(from);
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on("end", () => {
      const recorded: Recorded = {
        method: req.method ?? "",
        path: (req.url ?? "").split("?")[0],
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      this.requests.push(recorded);
      let answer: Answer;
      try {
        answer = this.#responder(recorded);
      } catch (error) {
        answer = { status: 599, body: `recorder responder threw: ${String(error)}` };
      }
      const text = answer.body === undefined ? "" : typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body);
      const headers: Record<string, string> = { date: new Date().toUTCString(), ...answer.headers };
      if (answer.body !== undefined && typeof answer.body !== "string") headers["content-type"] = "application/json";
      res.writeHead(answer.status, headers);
      res.end(text);
    });
  }
}
