import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { performance } from "node:perf_hooks";
import { authenticate, type GatewayKeys } from "./auth";
import { UPSTREAM_RESET_TEXT, echoReply, redirectReply } from "./faultReplies";
import { FaultRules, RateLimiter, faultStatus } from "./faults";
import { alphanumeric, newAccessKey, newKeySecret } from "./ids";
import { gatewayError, notFound, quotaExceeded, type Reply } from "./reply";
import { writeMalformed, writePlain, writeReply, writeTruncated } from "./respond";
import { isoTime, type Route, type RouteContext, type RouteRequest } from "./routes/context";
import { nsmlRoute } from "./routes/nsml";
import { searchEngineRoute } from "./routes/searchEngine";
import { stsRoute } from "./routes/sts";
import { subAccountRoute } from "./routes/subAccount";
import { EmulatorState } from "./state";
import type { Emulator, EmulatorOptions, RequestRecord } from "./types";

const HOST = "127.0.0.1";
const DEFAULT_SUB_ACCOUNTS = ["4e066e50-9c3a-11e7-8a66-1e5021fa7c80"];
const DEFAULT_SERVICE_GROUPS = [{ serviceGroupInstanceNo: "1531843", region: "KR" as const }];
/** Request bodies in these APIs are a few hundred bytes; anything near this is not a client of ours. */
const MAX_BODY_BYTES = 1024 * 1024;

const ROUTES: Route[] = [subAccountRoute, stsRoute, nsmlRoute, searchEngineRoute];

/** Starts the NCP stand-in on 127.0.0.1 and resolves once it is listening. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const now = options.now ?? Date.now;
  const gatewayNow = options.gatewayNow ?? now;
  const state = new EmulatorState();
  const keys: GatewayKeys = {
    accessKey: options.accessKey ?? newAccessKey(),
    secretKey: options.secretKey ?? newKeySecret(),
    apiKey: options.apiKey ?? alphanumeric(40),
    // Temporary credentials sign requests like any key, until they expire (STS's purpose).
    temporarySecret: (accessKey) => state.liveTemporaryCredentials(accessKey, gatewayNow())?.keySecret,
  };
  for (const id of options.subAccounts ?? DEFAULT_SUB_ACCOUNTS) state.addSubAccount(id);
  for (const group of options.serviceGroups ?? DEFAULT_SERVICE_GROUPS) {
    state.addServiceGroup(group.serviceGroupInstanceNo, group.region);
  }
  const faults = new FaultRules();
  for (const rule of options.faults ?? []) faults.add(rule);
  const limiter = new RateLimiter(options.rateLimitPerSecond);
  const quotaNow = options.quotaNow ?? (() => performance.now());
  const requests: RequestRecord[] = [];
  const context: RouteContext = {
    state,
    now,
    accessKey: keys.accessKey,
    secretKey: keys.secretKey,
    ownKeyCreateTime: isoTime(now()),
    maxActiveKeys: options.maxActiveKeys ?? 2,
  };

  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? "GET").toUpperCase();
    const rawUrl = req.url ?? "/";
    const queryAt = rawUrl.indexOf("?");
    const path = queryAt < 0 ? rawUrl : rawUrl.slice(0, queryAt);
    const record: RequestRecord = { method, path, query: queryAt < 0 ? "" : rawUrl.slice(queryAt + 1), status: 0, at: now() };
    requests.push(record);
    const send = (reply: Reply) => (record.status = writeReply(res, reply, new Date(now()).toUTCString()));

    const body = await readBody(req);
    if (body === undefined) return void send(gatewayError(413));

    const gatewayFault = faults.take("gateway", method, path);
    if (gatewayFault) {
      record.fault = gatewayFault.kind;
      if (gatewayFault.kind === "drop") return void req.socket.destroy();
      if (gatewayFault.kind === "status") return void send(gatewayError(faultStatus(gatewayFault) ?? 500, gatewayFault.retryAfterSec));
      if (gatewayFault.kind === "echo") return void send(echoReply(faultStatus(gatewayFault) ?? 500, req.headers));
      if (gatewayFault.kind === "redirect") {
        return void send(redirectReply(faultStatus(gatewayFault) ?? 307, gatewayFault.location ?? `https://redirected.invalid${rawUrl}`));
      }
      await sleep(gatewayFault.delayMs ?? 0);
    }
    if (!limiter.admit(quotaNow())) return void send(quotaExceeded(1));
    const gate = authenticate({ method, rawUrl, headers: req.headers }, keys, gatewayNow());
    if ("denied" in gate) return void send(gate.denied);

    const request: RouteRequest = { method, path, body, caller: gate.caller };
    const serviceFault = faults.take("service", method, path);
    if (serviceFault?.kind === "commitThenStatus") await sleep(serviceFault.delayMs ?? 0);
    const reply = route(request, context);
    if (!serviceFault) return void send(reply);
    record.fault = serviceFault.kind;
    const date = new Date(now()).toUTCString();
    if (serviceFault.kind === "commitThenDrop") return void req.socket.destroy();
    if (serviceFault.kind === "commitThenStatus") return void (record.status = writePlain(res, faultStatus(serviceFault) ?? 503, UPSTREAM_RESET_TEXT, date));
    if (serviceFault.kind === "malformed") record.status = writeMalformed(res, date);
    else record.status = writeTruncated(res, reply, date);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      // Never echo the error: it could carry request material. The status says enough.
      if (!res.headersSent) writeReply(res, gatewayError(500), new Date(now()).toUTCString());
      else res.destroy();
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, HOST, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("emulator: server has no TCP address");

  return {
    url: `http://${HOST}:${address.port}`,
    accessKey: keys.accessKey,
    secretKey: keys.secretKey,
    apiKey: keys.apiKey,
    state,
    requests,
    faults: {
      add: (rule) => faults.add(rule),
      clear: () => faults.clear(),
      setRateLimit: (perSecond) => limiter.set(perSecond),
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        // server.close() alone waits for keep-alive connections to time out.
        for (const socket of sockets) socket.destroy();
      }),
  };
}

function route(request: RouteRequest, context: RouteContext): Reply {
  for (const candidate of ROUTES) {
    const reply = candidate(request, context);
    if (reply) return reply;
  }
  return notFound();
}

/** The whole body as UTF-8; undefined when it exceeds MAX_BODY_BYTES. */
async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
