import { rmSync } from "node:fs";
import { NcloudClient } from "../../sdk";
import { startEmulator, type Emulator } from "../../sdk/emulator";
import { startFrontGateway } from "./frontGateway";
import { hostEnvironment } from "./ncloudStack";
import { dynamicType, providerKey, startProviderHost, urn, type ProviderHost } from "./providerHost";
import { serializedShim } from "./serializeProvider";
import { userProjectDir } from "./userProject";

/*
 * The orphan-safe create through the real dynamic-provider host: after a lost answer it deletes a
 * key only on proof or with `exclusive: true`, names every key it leaves (in the error, or in the
 * host's output when the create succeeded), and the happy path is one request. The full fault
 * matrix through the `pulumi` CLI is tests/e2e/orphans/.
 */

const SUB = "4e066e50-9c3a-11e7-8a66-1e5021fa7c80";
const KEYS_PATH = `/api/v1/sub-accounts/${SUB}/access-keys`;
const KIND = "subAccountAccessKey" as const;
const URN = (name: string) => urn(dynamicType("ncloud", "SubAccountAccessKey"), name);

/** The provider's per-attempt timeout here; a lost answer costs one more of it before the last look. */
const TIMEOUT_MS = 1000;

/** The emulator with its clock `skewMs` away from this machine's, a gateway in front, and a provider host behind both. */
async function startStack(skewMs = 0) {
  const emulator: Emulator = await startEmulator({ subAccounts: [SUB], maxActiveKeys: 5, now: () => Date.now() + skewMs });
  const gateway = await startFrontGateway(() => emulator.url);
  const env = hostEnvironment();
  const host: ProviderHost = await startProviderHost({ cwd: userProjectDir(), env, callTimeoutMs: 30_000 });
  await host.configure(
    { "ncloud:accessKey": emulator.accessKey, "ncloud:secretKey": emulator.secretKey, "ncloud:apiUrl": gateway.url, "ncloud:timeoutMs": String(TIMEOUT_MS) },
    { secretKeys: ["ncloud:secretKey"] },
  );
  const provider = await serializedShim(KIND);
  const create = async (name: string, inputs: Record<string, unknown> = {}) => {
    const checked = await host.check(URN(name), {}, { subAccountId: SUB, ...inputs, [providerKey]: provider });
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

/** A key someone else made a minute earlier by NCP's clock. */
function seedOlderKey(emulator: Emulator, skewMs = 0): string {
  const accessKey = "NCPEARLIERKEY0000001";
  const createTime = new Date(Date.now() + skewMs - 60_000).toISOString().replace(/\.\d+Z$/, "Z");
  emulator.state.subAccounts.get(SUB)!.keys.set(accessKey, { accessKey, keySecret: "unused", active: true, createTime });
  return accessKey;
}

const POST_PATH = "/api/v1/sub-accounts/*";

type Stack = Awaited<ReturnType<typeof startStack>>;

describe("orphan-safe create after a warm-up create, on one host the tests share", () => {
  // Each test starts with a create of its own (the host loads the provider on first use) and judges
  // only what follows it; the keys of earlier tests are gone from NCP by then.
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  }, 30_000);
  afterAll(() => stack?.close());
  beforeEach(() => stack.emulator.state.subAccounts.get(SUB)!.keys.clear());

  test.each([[{}], [{ exclusive: true }]])("the happy path is one request, the POST, with no listing before it (%j)", async (inputs) => {
    await stack.create("warm-up"); // the host loads the provider on first use
    const first = stack.emulator.requests.length;
    const { id } = await stack.create("one-request", inputs);
    expect(stack.emulator.requests.slice(first).map((r) => `${r.method} ${r.path}`)).toEqual([`POST ${KEYS_PATH}`]);
    expect(stack.liveKeys()).toContain(id);
  }, 30_000);

  test("a create that timed out and never committed: the retry's key is kept and the host says nothing is left, and what a later commit would be", async () => {
    await stack.create("warm-up");
    const from = stack.host.output().length;
    // The first POST is held at the gateway (until close) and never reaches NCP.
    stack.gateway.onNextCreate(() => new Promise<void>(() => undefined));
    const { id } = await stack.create("timed-out");
    const warning = await stack.host.waitForOutput(/SubAccountAccessKey: created .*\n/, { from });
    expect(warning).toContain(`created ${id} on sub account ${SUB} at attempt 2`);
    expect(warning).toContain(`attempt 1 got no answer within ${TIMEOUT_MS} ms`);
    expect(warning).toMatch(
      new RegExp(`No key of the lost requests is left\\. NCP had ${TIMEOUT_MS} ms more after the last lost answer; a lost request it runs later still makes a key created after \\S+ \\(NCP time\\)`),
    );
    expect(stack.liveKeys()).toEqual([expect.any(String), id]); // the warm-up's and this one's
  }, 30_000);
});

describe("orphan-safe create: nothing deleted without proof, nothing left unnamed", () => {
  // A host of its own per test: the create under test is the first of its provider process (no
  // key held, no NCP clock learned from a create), or NCP's clock is skewed.
  let stack: Stack;
  afterEach(() => stack?.close());

  test("a second writer's key made during a lost create is kept; the create succeeds and names both keys it cannot tell apart", async () => {
    stack = await startStack();
    let theirs = "";
    stack.gateway.onNextCreate(async () => {
      theirs = (await stack.otherWriter.subAccount.createAccessKey(SUB)).accessKey;
    });
    const from = stack.host.output().length;
    const { id } = await stack.create("contested");
    const orphan = stack.liveKeys().find((k) => k !== theirs && k !== id)!;
    expect(stack.liveKeys().sort()).toEqual([theirs, orphan, id].sort());
    const warning = await stack.host.waitForOutput(/SubAccountAccessKey: created .*\n/, { from });
    expect(warning).toMatch(/lost its answer \(attempt 1 lost its connection/);
    expect(warning).toMatch(new RegExp(`Left behind, not deleted: (${theirs}|${orphan}) \\(created [^)]+\\), (${theirs}|${orphan}) \\(created`));
    expect(warning).toContain(theirs);
    expect(warning).toContain(orphan);
    expect(warning).not.toContain(`${id} (created`); // the key Pulumi now holds is not a candidate
    expect(warning).toMatch(/Fix: compare those keys .* set exclusive: true/);
  }, 30_000);

  test("exclusive, with NCP's clock minutes away from this machine's: the lost create's key is deleted, a minute-older key is kept", async () => {
    // Four minutes: inside the gateway's 5-minute tolerance, so only the Date headers reveal it.
    const skewMs = 4 * 60_000;
    stack = await startStack(skewMs);
    await stack.create("warm-up", { exclusive: true });
    const before = seedOlderKey(stack.emulator, skewMs);
    stack.gateway.onNextCreate(async () => undefined);
    const from = stack.host.output().length;
    const { id } = await stack.create("skewed", { exclusive: true });
    expect(stack.liveKeys()).toHaveLength(3);
    expect(stack.liveKeys()).toEqual(expect.arrayContaining([before, id]));
    const warning = await stack.host.waitForOutput(/SubAccountAccessKey: created .*\n/, { from });
    expect(warning).toMatch(/Deleted \S+ \(created [^)]+\): exclusive: true says this stack alone creates keys on this sub account/);
    expect(warning).toContain(`Older keys this run did not create: ${before}`);
    const posts = stack.emulator.requests.filter((r) => r.method === "POST");
    expect(posts).toHaveLength(3); // the warm-up, our lost one, our retry
  }, 30_000);

  test("a create whose answer is lost after NCP committed, without exclusive: the key is named and kept", async () => {
    stack = await startStack();
    stack.emulator.faults.add({ method: "POST", path: POST_PATH, kind: "commitThenDrop", times: 1 });
    const from = stack.host.output().length;
    const { id } = await stack.create("lost-once");
    const orphan = stack.liveKeys().find((k) => k !== id)!;
    expect(stack.liveKeys()).toHaveLength(2);
    expect(await stack.host.waitForOutput(/SubAccountAccessKey: created .*\n/, { from })).toContain(`Left behind, not deleted: ${orphan} (created`);
  }, 30_000);

  test("exclusive, parallel creates in one sub account, one losing its answer after NCP committed: the orphan goes, every recorded key stays", async () => {
    stack = await startStack();
    stack.emulator.faults.add({ method: "POST", path: POST_PATH, kind: "commitThenDrop", times: 1 });
    const from = stack.host.output().length;
    const created = await Promise.all(["p1", "p2"].map((name) => stack.create(name, { exclusive: true })));
    expect(stack.liveKeys().sort()).toEqual(created.map((c) => c.id).sort());
    expect(await stack.host.waitForOutput(/SubAccountAccessKey: created .*\n/, { from })).toMatch(/Deleted \S+ \(created [^)]+\): exclusive: true/);
  }, 30_000);

  test("a create whose answer is always lost fails naming all three keys; with exclusive it fails leaving none", async () => {
    stack = await startStack();
    stack.emulator.faults.add({ method: "POST", path: POST_PATH, kind: "commitThenDrop" });
    const error = await stack.create("lost-always").then(() => undefined, (e: Error) => e);
    expect(stack.liveKeys()).toHaveLength(3);
    for (const key of stack.liveKeys()) expect(error?.message).toContain(`${key} (created`);
    expect(error?.message).toMatch(/failed: all 3 attempts lost their answer\. 3 create requests .* Left behind, not deleted: /s);

    for (const key of stack.liveKeys()) stack.emulator.state.subAccounts.get(SUB)!.keys.delete(key);
    const exclusive = await stack.create("lost-always-exclusive", { exclusive: true }).then(() => undefined, (e: Error) => e);
    expect(exclusive?.message).toMatch(/all 3 attempts lost their answer\..*Deleted .*No key of the lost requests is left\./s);
    expect(stack.liveKeys()).toEqual([]);
  }, 60_000);
});
