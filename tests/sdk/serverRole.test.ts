import { tmpdir } from "node:os";
import { join } from "node:path";
import { NcloudClient, NcloudError, type NcloudClientOptions } from "../../sdk";
import { startEmulator, type Emulator } from "../../sdk/emulator";
import { METADATA_ADDRESS } from "../../sdk/settings/serverRoleCredentials";
import { type MetadataStandIn, standInRole, startMetadataStandIn } from "../hostile/metadataStandIn";
import { printed } from "../hostile/servers";

/*
 * Server-role credentials (issue 15 item 10): the last credential source, used only when turned on,
 * read from the server's metadata API. Every test reaches a loopback stand-in through the endpoint
 * setting; the metadata address itself is never sent to. The emulator accepts the role's
 * credentials as the temporary credentials they are, so a call that succeeds was signed with them.
 */
const NO_FILE = join(tmpdir(), "pulumi-ncloud-keys-no-such-configure");
let role = standInRole("ci-runner");
let emulator: Emulator;
let standIn: MetadataStandIn;
const clients: NcloudClient[] = [];

beforeEach(async () => {
  role = standInRole("ci-runner");
  emulator = await startEmulator();
  standIn = await startMetadataStandIn([role]);
  emulator.state.stsIssued.push({ accessKey: role.accessKey, keySecret: role.secretKey, createTime: "2026-01-01T00:00:00Z", expireTime: role.expiration, useMfa: false });
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await standIn.close();
  await emulator.close();
});

function client(env: Record<string, string>, options: NcloudClientOptions = {}): NcloudClient {
  const c = new NcloudClient({ endpoint: emulator.url, env: { NCLOUD_METADATA_API_ENDPOINT: standIn.url, ...env }, configFile: NO_FILE, maxAttempts: 1, ...options });
  clients.push(c);
  return c;
}

async function failure(promise: Promise<unknown>): Promise<NcloudError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(NcloudError);
  return error as NcloudError;
}

const LIST = "/latest/meta-data/iam/security-credentials/";

test("off unless turned on: no other source is an error that names the setting, and the metadata API is not asked", async () => {
  const error = await failure(client({}).sts.getCredentials());
  expect(error.message).toMatch(/no NCP credentials found.*ncloud:serverRole \/ NCLOUD_SERVER_ROLE/s);
  expect(standIn.requests).toEqual([]);
  expect(emulator.requests).toEqual([]);
});

test.each(["false", "0", ""])("NCLOUD_SERVER_ROLE=%j is off", async (value) => {
  await failure(client({ NCLOUD_SERVER_ROLE: value }).sts.getCredentials());
  expect(standIn.requests).toEqual([]);
});

test("true: the role the server lists first signs the call (STS GET answers the role's temporary credentials)", async () => {
  const credentials = await client({ NCLOUD_SERVER_ROLE: "true" }).sts.getCredentials();
  expect(credentials).toMatchObject({ accessKey: role.accessKey, keySecret: role.secretKey, expireTime: role.expiration });
  expect(standIn.requests).toEqual([LIST, `${LIST}${role.roleId}`]);
});

test("the last source: credentials from the environment win, and the metadata API is never asked", async () => {
  const c = client({ NCLOUD_SERVER_ROLE: "true", NCLOUD_ACCESS_KEY: emulator.accessKey, NCLOUD_SECRET_KEY: emulator.secretKey });
  expect((await c.sts.getCredentials()).accessKey).toBe(emulator.accessKey);
  expect(standIn.requests).toEqual([]);
});

test("a role named by its id or its name is used; another name fails naming the server's role, before any NCP call", async () => {
  expect((await client({}, { serverRole: role.roleId }).sts.getCredentials()).accessKey).toBe(role.accessKey);
  expect((await client({}, { serverRole: role.roleName }).sts.getCredentials()).accessKey).toBe(role.accessKey);
  const before = emulator.requests.length;
  const error = await failure(client({ NCLOUD_SERVER_ROLE: "deployer" }).sts.getCredentials());
  expect(error.message).toContain(`the server's role is ${role.roleName}, not deployer`);
  expect(error.message).toContain(`Fix: set ncloud:serverRole / NCLOUD_SERVER_ROLE to ${role.roleName}, or to true`);
  expect(emulator.requests.length).toBe(before);
});

test("read once for many calls; read again once they near expiry", async () => {
  const c = client({ NCLOUD_SERVER_ROLE: "true" });
  await Promise.all([c.sts.getCredentials(), c.sts.getCredentials(), c.subAccount.listAccessKeys("4e066e50-9c3a-11e7-8a66-1e5021fa7c80")]);
  expect(standIn.requests).toHaveLength(2);
  // Credentials already past their renewal time are read again before the next call.
  role.expiration = new Date(Date.now() - 1000).toISOString();
  const stale = client({ NCLOUD_SERVER_ROLE: "true" });
  standIn.requests.length = 0;
  await stale.sts.getCredentials().catch(() => undefined);
  await stale.sts.getCredentials().catch(() => undefined);
  expect(standIn.requests).toEqual([LIST, `${LIST}${role.roleId}`, LIST, `${LIST}${role.roleId}`]);
});

test("a machine that is not an NCP server: the lookup is cut off by its deadline, at most one request, and an error saying so", async () => {
  standIn.mode = "silent";
  const error = await failure(client({ NCLOUD_SERVER_ROLE: "true" }, { metadataTimeoutMs: 200 }).sts.getCredentials());
  // ETIMEDOUT, or ETIMEDOUT_BEFORE_SENDING on a machine too loaded to connect within the deadline.
  expect(error.message).toMatch(new RegExp(`server-role credentials from ${standIn.url}: no answer from the metadata API \\(ETIMEDOUT\\w*, within 200 ms\\)`));
  expect(error.message).toContain("Fix: set ncloud:accessKey / ncloud:secretKey");
  expect(standIn.requests.filter((path) => path !== LIST)).toEqual([]);
  expect(standIn.requests.length).toBeLessThanOrEqual(1);
  expect(emulator.requests).toEqual([]);
});

test("a server without a role: the error says so", async () => {
  standIn.roles = [];
  const error = await failure(client({ NCLOUD_SERVER_ROLE: "true" }).sts.getCredentials());
  expect(error.message).toContain("the server has no role");
  expect(error.message).toContain("assign a role to the server in the Sub Account console");
});

test("the Python SDK's NCLOUD_METADATA_ENDPOINT is read too, after the Go SDK's name", async () => {
  const c = new NcloudClient({ endpoint: emulator.url, env: { NCLOUD_SERVER_ROLE: "true", NCLOUD_METADATA_ENDPOINT: standIn.url }, configFile: NO_FILE });
  clients.push(c);
  expect((await c.sts.getCredentials()).accessKey).toBe(role.accessKey);
});

test.each(["http://192.0.2.10", "http://metadata.example:8080", "not a url"])(
  "a metadata endpoint %j (plain http neither to the metadata address nor to loopback) is refused before any connection",
  async (endpoint) => {
    const error = await failure(client({ NCLOUD_SERVER_ROLE: "true" }, { metadataEndpoint: endpoint }).sts.getCredentials());
    expect(error).toMatchObject({ code: "InvalidInput" });
    expect(error.message).toContain("invalid metadataEndpoint");
  },
);

test("the default endpoint is the metadata address: named here, and reached by no test", () => {
  expect(METADATA_ADDRESS).toBe("http://169.254.169.254");
});

test("the role's secret is scrubbed from what a failing call prints, like any secret the client holds", async () => {
  emulator.faults.add({ kind: "echo", status: 400 });
  const c = client({ NCLOUD_SERVER_ROLE: "true" });
  const error = await failure(c.sts.getCredentials());
  expect(error.message).toContain("[REDACTED]");
  expect(printed([error, c])).not.toContain(role.secretKey);
});
