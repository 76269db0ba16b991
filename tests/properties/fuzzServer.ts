import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** What the server answers to every request until told otherwise. */
export interface CannedResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

export interface FuzzServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** Sets the answer for the requests that follow. */
  answer(response: CannedResponse): void;
  /** How many requests arrived. */
  readonly requests: number;
  close(): Promise<void>;
}

/**
 * A stand-in NCP that answers whatever bytes and status a property hands it, on 127.0.0.1. Not the
 * emulator: this one is meant to be wrong in every way a real gateway or proxy can be.
 */
export async function startFuzzServer(): Promise<FuzzServer> {
  let current: CannedResponse = { status: 200, headers: {}, body: new Uint8Array() };
  let requests = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    requests += 1;
    req.resume();
    req.on("end", () => {
      const { status, headers, body } = current;
      res.writeHead(status, { ...headers, "content-length": String(body.length) });
      res.end(body);
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    answer: (response) => void (current = response),
    get requests() {
      return requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
