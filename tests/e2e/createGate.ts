/**
 * A loopback gateway in front of the emulator that lets a test act on events at NCP rather than on
 * time: it forwards every request, counts the access-key creates (`POST …/access-keys`) and
 * deletes (`DELETE …/access-keys`) as NCP carries them out, and can hold the answers of
 * creates that NCP has already committed until the test releases them, so a signal lands while
 * creates are certainly in flight.
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** Sub Account keys: POST creates one, DELETE (the key in the body) deletes one. */
const KEYS_PATH = /^\/api\/v1\/sub-accounts\/[^/]+\/access-keys$/;

type Counted = "create" | "delete";

function countedAs(method: string | undefined, url: string | undefined): Counted | undefined {
  if (!KEYS_PATH.test((url ?? "").split("?")[0])) return undefined;
  return method === "POST" ? "create" : method === "DELETE" ? "delete" : undefined;
}

export interface CreateGate {
  /** `http://127.0.0.1:PORT`: give it to the provider as `ncloud:apiUrl`. */
  url: string;
  /** Create requests received so far. */
  readonly creates: number;
  /** Creates committed at NCP whose answers are held right now. */
  readonly held: number;
  /** Resolves once the `n`th create request has been committed at NCP (answered or held). */
  committed(n: number): Promise<void>;
  /** Resolves once NCP has answered the `n`th delete of an access key. */
  deleted(n: number): Promise<void>;
  /** From now on, hold the answer of every committed create until `release`. */
  hold(): void;
  /** Sends every held answer and stops holding. */
  release(): void;
  close(): Promise<void>;
}

interface Answer {
  status: number;
  headers: IncomingMessage["headers"];
  body: Buffer;
}

function forward(target: string, req: IncomingMessage, body: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const out = httpRequest(`${target}${req.url}`, { method: req.method, headers: req.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    out.on("error", reject);
    out.end(body);
  });
}

export async function startCreateGate(emulatorUrl: string): Promise<CreateGate> {
  let creates = 0;
  let holding = false;
  const heldAnswers: Array<() => void> = [];
  const done: Record<Counted, number> = { create: 0, delete: 0 };
  const waiters: Array<{ kind: Counted; n: number; resolve: () => void }> = [];
  const sockets = new Set<Socket>();

  const note = (kind: Counted) => {
    done[kind]++;
    for (const waiter of waiters.filter((w) => w.kind === kind && w.n <= done[kind])) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  };
  const after = (kind: Counted, n: number) => (done[kind] >= n ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ kind, n, resolve })));

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const counted = countedAs(req.method, req.url);
    const isCreate = counted === "create";
    if (isCreate) creates++;
    const answer = await forward(emulatorUrl, req, Buffer.concat(chunks));
    const send = () => {
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    };
    if (isCreate && holding) heldAnswers.push(send);
    else send();
    if (counted) note(counted);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => req.socket.destroy());
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    get creates() {
      return creates;
    },
    get held() {
      return heldAnswers.length;
    },
    committed: (n) => after("create", n),
    deleted: (n) => after("delete", n),
    hold: () => {
      holding = true;
    },
    release: () => {
      holding = false;
      for (const send of heldAnswers.splice(0)) send();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
