import { rmSync } from "node:fs";
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { dynamicProvider } from "../../provider/dynamicProvider";
import { NcloudClient } from "../../sdk";
import { startEmulator, type Emulator } from "../../sdk/emulator";
import { hostEnvironment } from "./ncloudStack";
import { dynamicType, providerKey, startProviderHost, urn, type ProviderHost } from "./providerHost";
import { serializeProvider } from "./serializeProvider";
import { userProjectDir } from "./userProject";

/*
 * The orphan-safe create judged by NCP's clock, through the real dynamic-provider host: a lost
 * create deletes only keys NCP stamped while it was in flight, never another writer's key, and the
 * happy path is one request.
 */

const SUB = "4e066e50-9c3a-11e7-8a66-1e5021fa7c80";
const KEYS_PATH = `/api/v1/sub-accounts/${SUB}/access-keys`;
const KIND = "subAccountAccessKey" as const;
const URN = (name: string) => urn(dynamicType("ncloud", "SubAccountAccessKey"), name);

/**
 * A loopback gateway in front of the emulator that forwards every request; `onNextCreate` runs
 * once, when the provider's next POST arrives, before it is forwarded, and that POST's answer is
 * then lost (the socket is destroyed after NCP committed).
 */
interface FrontGateway {
  url: string;
  onNextCreate(hook: () => Promise<void>): void;
  close(): Promise<void>;
}

async function startFrontGateway(target: string): Promise<FrontGateway> {
  let hook: (() => Promise<void>) | undefined;
  const forward = (req: IncomingMessage, body: Buffer) =>
    new Promise<{ status: number; headers: IncomingMessage["headers"]; body: Buffer }>((resolve, reject) => {
      const out = httpRequest(`${target}${req.url}`, { method: req.method, headers: req.headers }, (res) => {
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
    const lose = req.method === "POST" && hook !== undefined;
    if (lose) {
      const run = hook!;
      hook = undefined;
      await run();
    }
    const answer = await forward(req, Buffer.concat(chunks));
    if (lose) return void req.socket.destroy();
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  };
  const server: Server = createServer((req, res) => void handle(req, res).catch(() => req.socket.destroy()));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    onNextCreate: (h) => (hook = h),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The emulator with its clock `skewMs` away from this machine's, a gateway in front, and a provider host behind both. */
async function startStack(skewMs = 0, config: Record<string, string> = {}) {
  const emulator: Emulator = await startEmulator({ subAccounts: [SUB], maxActiveKeys: 5, now: () => Date.now() + skewMs });
  const gateway = await startFrontGateway(emulator.url);
  const env = hostEnvironment();
  const host: ProviderHost = await startProviderHost({ cwd: userProjectDir(), env });
  await host.configure(
    { "ncloud:accessKey": emulator.accessKey, "ncloud:secretKey": emulator.secretKey, "ncloud:apiUrl": gateway.url, ...config },
    { secretKeys: ["ncloud:secretKey"] },
  );
  const provider = await serializeProvider(dynamicProvider(KIND));
  const create = async (name: string) => {
    const checked = await host.check(URN(name), {}, { subAccountId: SUB, [providerKey]: provider });
    return host.create(URN(name), checked.inputs);
  };
  const liveKeys = () => emulator.state.liveKeys(SUB).map((k) => k.accessKey);
  /** Another stack: its own client, straight to NCP. */
  const otherWriter = new NcloudClient({ endpoint: emulator.url, accessKey: emulator.accessKey, secretKey: emulator.secretKey, env: {} });
  return {
    emulator,
    gateway,
    host,
    create,
    liveKeys,
    otherWriter,
    async close() {
      await otherWriter.close();
      await host.close();
      await gateway.close();
      await emulator.close();
      rmSync(env.HOME!, { recursive: true, force: true });
    },
  };
}

describe("orphan-safe create: NCP's clock decides which keys a lost create made", () => {
  let stack: Awaited<ReturnType<typeof startStack>>;
  afterEach(() => stack?.close());

  test("the happy path is one request: the POST, no listing before it", async () => {
    stack = await startStack();
    await stack.create("warm-up"); // the host loads the provider on first use
    const first = stack.emulator.requests.length;
    const { id } = await stack.create("one-request");
    expect(stack.emulator.requests.slice(first).map((r) => `${r.method} ${r.path}`)).toEqual([`POST ${KEYS_PATH}`]);
    expect(stack.liveKeys()).toContain(id);
  }, 30_000);

  test("a second writer's key made during a lost create is kept; the failure names every candidate", async () => {
    stack = await startStack();
    let theirs = "";
    stack.gateway.onNextCreate(async () => {
      theirs = (await stack.otherWriter.subAccount.createAccessKey(SUB)).accessKey;
    });
    const failure = stack.create("contested").then(
      () => undefined,
      (error: Error) => error,
    );
    const error = await failure;
    expect(error?.message).toMatch(/lost a response.*2 keys were created .* while this provider lost 1/s);
    const ours = stack.liveKeys().find((k) => k !== theirs)!;
    expect(error?.message).toContain(theirs);
    expect(error?.message).toContain(ours);
    expect(error?.message).toContain(SUB);
    expect(error?.message).toMatch(/none was deleted\. Fix: ask who holds each key/);
    // Both keys are still there: the provider could not tell its own from theirs.
    expect(stack.liveKeys().sort()).toEqual([theirs, ours].sort());
  }, 30_000);

  test("a create that timed out and never committed: the retry's key is kept and the host says where a later commit would show", async () => {
    stack = await startStack(0, { "ncloud:timeoutMs": "300" });
    await stack.create("warm-up");
    const from = stack.host.output().length;
    // The first POST is held at the gateway (until close) and never reaches NCP.
    stack.gateway.onNextCreate(() => new Promise<void>(() => undefined));
    const { id } = await stack.create("timed-out");
    const warning = await stack.host.waitForOutput(/a create request to sub account \S+ timed out[^\n]*getSubAccountAccessKeys/, { from });
    expect(warning).toContain(SUB);
    expect(stack.liveKeys()).toEqual([expect.any(String), id]); // the warm-up's and this one's
  }, 30_000);

  test("with NCP's clock minutes away from this machine's, a lost create still finds and deletes only its own key", async () => {
    // Four minutes: inside the gateway's 5-minute tolerance, so only the Date headers reveal it.
    const skewMs = 4 * 60_000;
    stack = await startStack(skewMs);
    const before = "NCPEARLIERKEY0000001"; // someone else's, made a minute earlier by NCP's clock
    const earlier = new Date(Date.now() + skewMs - 60_000).toISOString().replace(/\.\d+Z$/, "Z");
    stack.emulator.state.subAccounts.get(SUB)!.keys.set(before, { accessKey: before, keySecret: "unused", active: true, createTime: earlier });
    stack.gateway.onNextCreate(async () => undefined);
    const { id } = await stack.create("skewed");
    expect(stack.liveKeys().sort()).toEqual([before, id].sort());
    const posts = stack.emulator.requests.filter((r) => r.method === "POST");
    expect(posts).toHaveLength(2); // our lost one, our retry
  }, 30_000);
});
