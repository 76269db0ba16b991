import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A loopback gateway in front of the emulator that forwards every request. `onNextCreate` holds
 * the provider's next POST at the gateway until its hook resolves (the test decides, by an event,
 * when NCP gets it), then forwards it; its answer is then lost (the socket is destroyed after NCP
 * committed) or, with "delivered", passed on.
 */
export interface FrontGateway {
  url: string;
  onNextCreate(hook: () => Promise<void>, answer?: "lost" | "delivered"): void;
  close(): Promise<void>;
}

/** `target` is read at each request: the emulator may start after the gateway whose URL it is configured with. */
export async function startFrontGateway(target: () => string): Promise<FrontGateway> {
  let next: { hook: () => Promise<void>; answer: "lost" | "delivered" } | undefined;
  const forward = (req: IncomingMessage, body: Buffer) =>
    new Promise<{ status: number; headers: IncomingMessage["headers"]; body: Buffer }>((resolve, reject) => {
      const out = httpRequest(`${target()}${req.url}`, { method: req.method, headers: req.headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on("error", reject);
      });
      out.on("error", reject);
      out.end(body);
    });
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const held = req.method === "POST" ? next : undefined;
    if (held) {
      next = undefined;
      await held.hook();
    }
    const answer = await forward(req, Buffer.concat(chunks));
    if (held?.answer === "lost") return void req.socket.destroy();
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  };
  const server: Server = createServer((req, res) => void handle(req, res).catch(() => req.socket.destroy()));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    onNextCreate: (hook, answer = "lost") => (next = { hook, answer }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
