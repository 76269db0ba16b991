/**
 * The plugin tarball `npm run plugin:pack` makes, unpacked into a temp directory and started there
 * by its launcher with a bare environment (node's directory and the system's on PATH, nothing
 * else): it runs on what it holds, and answers the engine's calls over gRPC as the engine makes
 * them (tests/e2e/plugin*.test.ts run it under the real engine).
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import type { PluginInfo } from "@pulumi/pulumi/proto/plugin_pb";
import * as proto from "@pulumi/pulumi/proto/provider_pb";
import { startEmulator, type Emulator } from "../../sdk/emulator";
import { packPlugin, PLUGIN_NAME, type PackedPlugin } from "../../scripts/plugin/pack";
import { startHostProcess, type HostProcess } from "../host/hostProcess";
import { fromStruct, isSecret, secret, toStruct, type WireObject } from "../host/wireValues";

jest.setTimeout(180_000);

const repoRoot = path.resolve(__dirname, "..", "..");
const launcherName = `pulumi-resource-${PLUGIN_NAME}`;
const bareEnv = (dir: string) => ({ PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin`, HOME: dir });

let plugin: PackedPlugin;
let dir: string;
let emulator: Emulator;
let host: HostProcess;
let client: ResourceProviderClient;

type Callback<Res> = (err: grpc.ServiceError | null, res: Res) => void;
type Unary<Req, Res> = (req: Req, cb: Callback<Res>) => unknown;
const call = <Req, Res>(method: Unary<Req, Res>, req: Req): Promise<Res> =>
  new Promise((resolve, reject) => method.call(client, req, (err, res) => (err ? reject(err) : resolve(res))));

const configure = (variables: Record<string, string>) => {
  const req = new proto.ConfigureRequest().setAcceptsecrets(true).setAcceptresources(true).setArgs(toStruct({}));
  for (const [key, value] of Object.entries(variables)) req.getVariablesMap().set(`${PLUGIN_NAME}:config:${key}`, value);
  return call(client.configure, req);
};
const invoke = async (fn: string, args: WireObject) => {
  const res = await call<proto.InvokeRequest, proto.InvokeResponse>(client.invoke, new proto.InvokeRequest().setTok(`${PLUGIN_NAME}:index:${fn}`).setArgs(toStruct(args)));
  return { outputs: fromStruct(res.getReturn()), failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })) };
};

beforeAll(async () => {
  plugin = await packPlugin();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ncloud-keys-plugin-"));
  execFileSync("tar", ["-xzf", plugin.tarball, "-C", dir]);
  emulator = await startEmulator();
  host = await startHostProcess({ command: { file: path.join(dir, launcherName), args: ["127.0.0.1:1"] }, cwd: dir, env: bareEnv(dir) });
  client = new ResourceProviderClient(`127.0.0.1:${host.port}`, grpc.credentials.createInsecure());
});
afterAll(async () => {
  client?.close();
  await host?.kill();
  await emulator?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test("the tarball holds the launcher at its root and a node_modules with this package and the pinned @pulumi/pulumi, and no dev tools", () => {
  expect(fs.statSync(path.join(dir, launcherName)).mode & 0o111).toBe(0o111);
  const version = (pkg: string) => (JSON.parse(fs.readFileSync(path.join(dir, "node_modules", pkg, "package.json"), "utf8")) as { version: string }).version;
  const lock = JSON.parse(fs.readFileSync(path.join(repoRoot, "package-lock.json"), "utf8")) as { packages: Record<string, { version: string }> };
  expect(version("pulumi-ncloud-keys")).toBe(plugin.version);
  expect(version("@pulumi/pulumi")).toBe(lock.packages["node_modules/@pulumi/pulumi"].version);
  for (const dev of ["typescript", "jest", "ts-node", "eslint", "fast-check"]) expect(fs.existsSync(path.join(dir, "node_modules", dev))).toBe(false);
  expect(path.relative(repoRoot, dir)).toMatch(/^\.\./);
});

test("started by its launcher in a bare environment, it serves its version and its schema", async () => {
  const info = await call<Empty, PluginInfo>(client.getPluginInfo, new Empty());
  expect(info.getVersion()).toBe(plugin.version);
  const schema = JSON.parse((await call<proto.GetSchemaRequest, proto.GetSchemaResponse>(client.getSchema, new proto.GetSchemaRequest())).getSchema()) as { name: string; version: string; resources: object };
  expect(schema).toMatchObject({ name: PLUGIN_NAME, version: plugin.version });
  expect(Object.keys(schema.resources)).toContain(`${PLUGIN_NAME}:index:SubAccountAccessKey`);
});

test("a bad setting fails Configure, naming the key and the fix", async () => {
  await expect(configure({ timeoutMs: "soon" })).rejects.toMatchObject({
    code: grpc.status.INVALID_ARGUMENT,
    details: expect.stringMatching(new RegExp(`${PLUGIN_NAME}:timeoutMs must be a whole number of milliseconds per attempt.*Fix: pulumi config set ${PLUGIN_NAME}:timeoutMs`)),
  });
  await expect(configure({ endpoints: '{"iam":"https://x"}' })).rejects.toMatchObject({ details: expect.stringContaining(`${PLUGIN_NAME}:endpoints.iam`) });
});

test("configured, it calls NCP with its settings: invokes check their arguments and return secrets as secrets", async () => {
  await configure({ apiUrl: emulator.url, accessKey: emulator.accessKey, secretKey: emulator.secretKey });
  const from = emulator.requests.length;
  expect(await invoke("getStsCredentials", { durationSec: 60 })).toEqual({
    outputs: {},
    failures: [{ property: "durationSec", reason: "durationSec must be at least 600 (10 minutes)" }],
  });
  expect(emulator.requests.length).toBe(from);
  const { outputs, failures } = await invoke("getStsCredentials", { durationSec: 900 });
  expect(failures).toEqual([]);
  expect(isSecret(outputs.keySecret)).toBe(true);
  expect(outputs.accessKey).toBe(emulator.state.stsIssued[0].accessKey);
});

test("check keeps a secret input secret, and marks the schema's secret inputs secret however they came", async () => {
  const urn = `urn:pulumi:dev::p::${PLUGIN_NAME}:index:SearchSnapshotAuthKey::group`;
  const check = (news: WireObject) => call<proto.CheckRequest, proto.CheckResponse>(client.check, new proto.CheckRequest().setUrn(urn).setOlds(toStruct({})).setNews(toStruct(news)));
  const fromSecret = fromStruct((await check({ serviceGroupInstanceNo: 1531843, accessKeyId: secret("AK"), secretKey: secret("SK") })).getInputs());
  expect(fromSecret).toMatchObject({ serviceGroupInstanceNo: "1531843", accessKeyId: secret("AK"), secretKey: secret("SK"), verify: true });
  const fromPlain = fromStruct((await check({ serviceGroupInstanceNo: "1531843", accessKeyId: "AK", secretKey: "SK" })).getInputs());
  expect(fromPlain).toMatchObject({ accessKeyId: "AK", secretKey: secret("SK") });
});

test("without node on PATH, the launcher says what it needs", () => {
  // A PATH holding only the one tool the launcher uses besides the shell's own: no node anywhere on it.
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), "ncloud-keys-no-node-"));
  try {
    fs.symlinkSync(execFileSync("sh", ["-c", "command -v dirname"], { encoding: "utf8" }).trim(), path.join(bin, "dirname"));
    const run = spawnSync(path.join(dir, launcherName), ["127.0.0.1:1"], { env: { PATH: bin, HOME: dir }, encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Node.js 20.18.1 or later is needed to run this plugin");
  } finally {
    fs.rmSync(bin, { recursive: true, force: true });
  }
});
