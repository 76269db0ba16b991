import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/*
 * A raw node:http proxy on 127.0.0.1 in front of the emulator, for the faults the emulator cannot
 * make: an answer lost *before* NCP runs the request (NCP commits after the client moved on), a
 * `Date` header off by seconds, another writer's create at the moment our POST arrives.
 *
 * Each sub account has its own plan, so one `pulumi up` can run many rows side by side. Requests
 * are handled one at a time, in arrival order, so what NCP sees is decided by events, not by
 * timers: a "later" commit happens right after the client's next request on the same sub account
 * was answered (the provider's first look has come and gone), before anything else reaches NCP.
 */

/** How the proxy answers a POST that creates a key. */
export type Answer =
  | "pass"
  /** No answer at all: the client's own timeout ends the request. */
  | "timeout"
  /** The connection is destroyed. */
  | "reset"
  /** NCP's 201, its JSON cut short: the client cannot read the key. */
  | "unreadable"
  /** A gateway's error, e.g. 502, or 504 with NCP code 510 "Endpoint Timeout". */
  | { status: number; code?: string; message?: string };

export interface CreateFault {
  answer: Answer;
  /** When NCP runs the POST: never, before the answer, or after the client's next request. */
  commit: "never" | "first" | "later";
  /** Runs when the proxy receives the POST, before NCP sees it (another writer, say). */
  meanwhile?: () => Promise<void>;
}

/** The faults for one sub account's keys path. */
export interface FaultPlan {
  /** The faults of the POSTs that create a key, in order; a POST beyond them passes. */
  creates: CreateFault[];
  /** Answer every DELETE 503 without passing it on. */
  failDeletes?: boolean;
  /** Answer every PUT 503 without passing it on. */
  failPuts?: boolean;
}

export interface FaultProxy {
  url: string;
  /** What reached the proxy, per sub account: "POST timeout", "GET pass", "DELETE 503"… */
  log: Map<string, string[]>;
  close(): Promise<void>;
}

interface Forwardable {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

interface Answered {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * `plans` by sub account id; `dateOffsetMs` moves every answer's `Date` header (NCP's backend
 * clock, which stamps createTime, stays where it is).
 */
export async function startFaultProxy(target: string, plans: Map<string, FaultPlan>, dateOffsetMs = 0): Promise<FaultProxy> {
  const state = new Map([...plans].map(([sub, plan]) => [sub, { plan, creates: [...plan.creates], late: [] as Forwardable[] }]));
  const log = new Map([...plans.keys()].map((sub) => [sub, [] as string[]]));
  const sockets = new Set<Socket>();

  const forward = (request: Forwardable) =>
    new Promise<Answered>((resolve, reject) => {
      const out = httpRequest(`${target}${request.url}`, { method: request.method, headers: request.headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on("error", reject);
      });
      out.on("error", reject);
      out.end(request.body);
    });

  const date = (value?: string) => new Date((value ? Date.parse(value) : Date.now()) + dateOffsetMs).toUTCString();
  const reply = (res: ServerResponse, answer: Answered) => {
    res.writeHead(answer.status, { ...answer.headers, date: date(answer.headers.date), "content-length": String(answer.body.length) });
    res.end(answer.body);
  };
  const gatewayError = (status: number, code = String(status), message = "Gateway Error"): Answered => ({
    status,
    headers: { "content-type": "application/json" },
    body: Buffer.from(JSON.stringify({ error: { errorCode: code, message } })),
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request: Forwardable = { method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers, body: Buffer.concat(chunks) };
    const path = request.url.split("?")[0];
    const sub = /^\/api\/v1\/sub-accounts\/([^/]+)\/access-keys$/.exec(path)?.[1];
    const row = sub === undefined ? undefined : state.get(sub);
    if (!row || sub === undefined) return reply(res, await forward(request));
    const said = (what: string) => log.get(sub)!.push(what);
    if (row.plan.failDeletes && request.method === "DELETE") return void (said("DELETE 503"), reply(res, gatewayError(503, "503", "Service Unavailable")));
    if (row.plan.failPuts && request.method === "PUT") return void (said("PUT 503"), reply(res, gatewayError(503, "503", "Service Unavailable")));
    const fault = request.method === "POST" ? row.creates.shift() : undefined;
    if (!fault) {
      said(`${request.method} pass`);
      reply(res, await forward(request));
      // NCP runs what was held back once the client's next request has been answered.
      while (row.late.length > 0) await forward(row.late.shift()!);
      return;
    }
    said(`POST ${typeof fault.answer === "object" ? fault.answer.status : fault.answer}${fault.commit === "never" ? "" : ` (commits ${fault.commit})`}`);
    await fault.meanwhile?.();
    const committed = fault.commit === "first" ? await forward(request) : undefined;
    if (fault.commit === "later") row.late.push(request);
    const answer = fault.answer;
    if (answer === "timeout") return; // the socket stays open until the client gives up
    if (answer === "reset") return void req.socket.destroy();
    if (answer === "pass") return reply(res, committed ?? (await forward(request)));
    if (answer === "unreadable") {
      const body = committed?.body ?? Buffer.from('{"accessKey":"ncp_iam_');
      return reply(res, { status: 201, headers: { "content-type": "application/json" }, body: body.subarray(0, Math.min(20, body.length)) });
    }
    reply(res, gatewayError(answer.status, answer.code, answer.message));
  }

  let queue: Promise<void> = Promise.resolve();
  const server = createServer((req, res) => {
    queue = queue.then(() => handle(req, res)).catch(() => void req.socket.destroy());
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
