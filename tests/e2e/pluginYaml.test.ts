/**
 * examples/yaml, a `runtime: yaml` program, through the provider plugin on the real engine and the
 * YAML language host, against the emulator: `pulumi up`, `refresh` and `destroy` in the project
 * directory. The plugin is the tarball `npm run plugin:pack` makes, installed with
 * `pulumi plugin install resource ncloud-keys <version> --file` into the stack's own PULUMI_HOME,
 * and the project runs from a temp directory outside this repository: nothing of ours is on the
 * plugin's module path but what the tarball holds (./pluginProject, shared with pluginImport).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { OutputMap } from "@pulumi/pulumi/automation";
import type { Emulator } from "../../sdk/emulator";
import type { ProjectStack } from "../../scripts/engine/projectStack";
import { plaintextUnder, secretValues } from "../../scripts/engine/stateScan";
import { PLUGIN_NAME } from "../../scripts/plugin/pack";
import { NcloudClient } from "../../sdk";
import { example } from "./harness";
import { openPluginProject, pluginType as TYPE, type PluginProject } from "./pluginProject";

jest.setTimeout(300_000);

const SUB_ACCOUNT = "4e066e50-9c3a-11e7-8a66-1e5021fa7c80";
const SERVICE_GROUP = "1531843";

let yaml: PluginProject;
let emulator: Emulator;
let project: ProjectStack;
let outputs: OutputMap;

const checkpoint = () => yaml.checkpoint();
const resources = (type?: string) => yaml.resources(type);

/** What the emulated NCP holds: the sub account's live keys and the service group's key. */
function ncp() {
  return { keys: emulator.state.liveKeys(SUB_ACCOUNT), serviceGroupKey: emulator.state.serviceGroups.get(SERVICE_GROUP)?.accessKeyId };
}

beforeAll(async () => {
  yaml = await openPluginProject(example("yaml"), { subAccountId: SUB_ACCOUNT, serviceGroupInstanceNo: SERVICE_GROUP });
  ({ emulator, project } = yaml);
});
afterAll(async () => {
  await yaml?.close();
});

test("the README's YAML program is this example, as run here", () => {
  const readme = fs.readFileSync(path.resolve(__dirname, "..", "..", "README.md"), "utf8");
  const yaml = /^```yaml\n([\s\S]*?)^```$/m.exec(readme.slice(readme.indexOf("### YAML")))?.[1];
  expect(yaml).toBe(fs.readFileSync(path.join(example("yaml"), "Pulumi.yaml"), "utf8"));
});

test("the plugin is installed from the tarball into the stack's PULUMI_HOME, and the project runs outside this repository", () => {
  const plugins = path.join(project.pulumiHome, "plugins");
  const dir = path.join(plugins, `resource-${PLUGIN_NAME}-v${yaml.plugin.version}`);
  expect(fs.existsSync(path.join(dir, `pulumi-resource-${PLUGIN_NAME}`))).toBe(true);
  expect(fs.existsSync(path.join(dir, "node_modules", "pulumi-ncloud-keys", "dist", "provider", "plugin", "main.js"))).toBe(true);
  expect(path.relative(path.resolve(__dirname, "..", ".."), project.workDir)).toMatch(/^\.\./);
  const listed = execFileSync(project.cli.path, ["plugin", "ls"], { env: { ...process.env, PULUMI_HOME: project.pulumiHome }, encoding: "utf8" });
  expect(listed).toMatch(new RegExp(`${PLUGIN_NAME}\\s+resource\\s+${yaml.plugin.version}`));
});

test("pulumi preview writes nothing to NCP and shows what it cannot know yet as unknown", async () => {
  const from = emulator.requests.length;
  const preview = await project.runCli(["preview", "--diff"]);
  expect(preview.code).toBe(0);
  expect(preview.stdout).toMatch(/\+ 4 to create/);
  for (const unknown of ["accessKey", "keySecret", "rotatesAt", "accessKeyId"]) expect(preview.stdout).toMatch(new RegExp(`\\b${unknown}\\s*: \\[unknown\\]`));
  // The service group's secretKey is still unknown, and already a secret (the schema marks it).
  expect(preview.stdout).toMatch(/secretKey\s*: \[secret\]/);
  // Only the read the program makes on every run: getStsCredentials.
  expect(emulator.requests.slice(from).map((r) => `${r.method} ${r.path}`)).toEqual(["GET /api/v1/credentials"]);
});

test("pulumi up creates a key, hands it to the service group and reads STS credentials", async () => {
  const up = await project.stack.up();
  outputs = up.outputs;
  expect(up.summary.resourceChanges).toEqual({ create: 4 }); // the stack and three resources (the summary leaves out the provider)
  const accessKey = outputs.accessKey.value as string;
  expect(ncp()).toEqual({ keys: [expect.objectContaining({ accessKey, active: true })], serviceGroupKey: accessKey });
  expect(outputs.keySecret.secret).toBe(true);
  expect(emulator.state.serviceGroups.get(SERVICE_GROUP)?.secretKey).toBe(outputs.keySecret.value);
  expect(Date.parse(outputs.rotatesAt.value as string) - Date.parse(ncp().keys[0].createTime)).toBe(90 * 24 * 3600 * 1000);
  // getStsCredentials with no arguments: the caller's own key. StsCredentials with durationSec: temporary ones.
  expect(outputs.callerAccessKey.value).toBe(emulator.accessKey);
  expect(emulator.state.stsIssued.map((c) => c.accessKey)).toEqual([outputs.temporaryAccessKey.value]);
});

test("the state holds every secret as ciphertext, and no secret in any form under the backend", () => {
  const { ciphertext, notCiphertext } = secretValues(checkpoint());
  expect(notCiphertext).toEqual([]);
  // keySecret (resource and stack output), SearchSnapshotAuthKey's secretKey (input and output),
  // StsCredentials' keySecret, and the provider's secretKey (input and output).
  expect(ciphertext).toBeGreaterThanOrEqual(7);
  const secrets = [outputs.keySecret.value as string, emulator.secretKey, ...emulator.state.stsIssued.map((c) => c.keySecret)];
  expect(plaintextUnder(project.backendDir, secrets)).toEqual([]);
  const [key] = resources(TYPE("SubAccountAccessKey"));
  expect(key.inputs).toEqual({ subAccountId: SUB_ACCOUNT, active: true, rotationDays: 90 });
});

test("pulumi refresh sees a key deactivated behind Pulumi's back, and the next up activates it again", async () => {
  const accessKey = outputs.accessKey.value as string;
  const client = new NcloudClient({ endpoint: emulator.url, accessKey: emulator.accessKey, secretKey: emulator.secretKey });
  try {
    await client.subAccount.setAccessKeyActive(SUB_ACCOUNT, accessKey, false);
  } finally {
    await client.close();
  }
  const from = emulator.requests.length;
  const refresh = await project.stack.refresh();
  expect(refresh.summary.resourceChanges).toMatchObject({ update: 1 });
  expect(refresh.stdout).toMatch(/SubAccountAccessKey snapshots updated .*\[diff: ~active\]/);
  expect(yaml.writesSince(from)).toEqual([]);
  expect(resources(TYPE("SubAccountAccessKey"))[0].outputs).toMatchObject({ active: false });

  const up = await project.stack.up();
  expect(up.summary.resourceChanges).toMatchObject({ update: 1 });
  expect(ncp().keys).toEqual([expect.objectContaining({ accessKey, active: true })]);
});

test("pulumi destroy deletes the key; the service group keeps its last key (NCP cannot unset it)", async () => {
  const destroy = await project.stack.destroy();
  expect(destroy.summary.resourceChanges).toEqual({ delete: 4 });
  expect(ncp()).toEqual({ keys: [], serviceGroupKey: outputs.accessKey.value });
  expect(resources()).toEqual([]);
});
