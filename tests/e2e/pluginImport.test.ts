/**
 * `pulumi import` of a SubAccountAccessKey made outside Pulumi, through the provider plugin (the
 * dynamic resources cannot import: tests/e2e/importRefused.test.ts), then `pulumi up` managing
 * it: `active` in place, rotation by `rotationDays` (create-before-delete), and `destroy`.
 * The plugin is installed from its tarball; the program is a `runtime: yaml` project
 * (./pluginProject, shared with pluginYaml).
 */
import type { Emulator } from "../../sdk/emulator";
import { NcloudClient } from "../../sdk";
import type { ProjectStack } from "../../scripts/engine/projectStack";
import { secretValues } from "../../scripts/engine/stateScan";
import { testProgram } from "./harness";
import { openPluginProject, pluginType, type PluginProject } from "./pluginProject";

jest.setTimeout(300_000);

const SUB_ACCOUNT = "4e066e50-9c3a-11e7-8a66-1e5021fa7c80";
const TYPE = pluginType("SubAccountAccessKey");
const DAY_MS = 24 * 3600 * 1000;

let yaml: PluginProject;
let emulator: Emulator;
let project: ProjectStack;
/** The key made outside Pulumi, 100 days old by NCP's clock. */
let outsideKey: string;

const checkpoint = () => yaml.checkpoint();
const keyInState = () => yaml.resources(TYPE)[0];
const live = () => emulator.state.liveKeys(SUB_ACCOUNT);
/** `METHOD path` of every write NCP received from request `from` on (which key: the body names it; NCP's state shows it). */
const writes = (from: number) => yaml.writesSince(from);
const KEYS_PATH = `/api/v1/sub-accounts/${SUB_ACCOUNT}/access-keys`;

beforeAll(async () => {
  yaml = await openPluginProject(testProgram("yaml-import"), { subAccountId: SUB_ACCOUNT, active: "true", rotationDays: "365" });
  ({ emulator, project } = yaml);
  const client = new NcloudClient({ endpoint: emulator.url, accessKey: emulator.accessKey, secretKey: emulator.secretKey });
  try {
    outsideKey = (await client.subAccount.createAccessKey(SUB_ACCOUNT)).accessKey;
  } finally {
    await client.close();
  }
  emulator.state.subAccounts.get(SUB_ACCOUNT)!.keys.get(outsideKey)!.createTime = new Date(Date.now() - 100 * DAY_MS).toISOString().replace(/\.\d+Z$/, "Z");
});
afterAll(async () => {
  await yaml?.close();
});

test("an import id without the sub account fails, naming the form it must take", async () => {
  const from = emulator.requests.length;
  const imported = await project.runCli(["import", TYPE, "imported", outsideKey, "--yes"]);
  expect(imported.code).not.toBe(0);
  expect(imported.stdout + imported.stderr).toContain("the import id must be <subAccountId>/<accessKey>");
  expect(emulator.requests.length).toBe(from);
});

test("pulumi import adopts the key by <subAccountId>/<accessKey>, without its keySecret, and changes nothing in NCP", async () => {
  const from = emulator.requests.length;
  const imported = await project.runCli(["import", TYPE, "imported", `${SUB_ACCOUNT}/${outsideKey}`, "--yes"]);
  expect(imported.stderr).toBe("");
  expect(imported.code).toBe(0);
  // The code to paste into the program, in the project's language.
  expect(imported.stdout).toMatch(/imported:\n\s+type: ncloud-keys:SubAccountAccessKey\n\s+properties:\n\s+active: true\n\s+subAccountId: 4e066e50/);
  expect(writes(from)).toEqual([]);
  const key = keyInState()!;
  expect(key.id).toBe(outsideKey);
  expect(key.protect).toBe(true);
  expect(key.inputs).toEqual({ subAccountId: SUB_ACCOUNT, active: true });
  expect(key.outputs).toEqual({ subAccountId: SUB_ACCOUNT, accessKey: outsideKey, active: true, createTime: live()[0].createTime });
  expect(key.outputs).not.toHaveProperty("keySecret");
});

test("pulumi up manages the imported key: active: false deactivates it in place", async () => {
  await project.setConfig({ active: "false" });
  const from = emulator.requests.length;
  const up = await project.stack.up();
  expect(up.summary.resourceChanges).toMatchObject({ update: 1 });
  expect(writes(from)).toEqual([`PUT ${KEYS_PATH}`]);
  expect(live()).toEqual([expect.objectContaining({ accessKey: outsideKey, active: false })]);
  expect(keyInState()).toMatchObject({ id: outsideKey, outputs: { active: false, rotationDays: 365 } });
  expect(keyInState()?.protect).toBeFalsy(); // the program has no protect option: up lifts the import's
});

test("pulumi up rotates the imported key once it is rotationDays old: a new key with a keySecret, then the old one deleted", async () => {
  await project.setConfig({ active: "true", rotationDays: "30" });
  const from = emulator.requests.length;
  const up = await project.stack.up();
  expect(up.summary.resourceChanges).toMatchObject({ replace: 1 });
  const rotated = keyInState()!;
  expect(rotated.id).not.toBe(outsideKey);
  // Create-before-delete: the new key exists before the imported one goes.
  expect(writes(from)).toEqual([`POST ${KEYS_PATH}`, `DELETE ${KEYS_PATH}`]);
  expect(live()).toEqual([expect.objectContaining({ accessKey: rotated.id, active: true })]);
  expect(rotated.outputs?.keySecret).toMatchObject({ ciphertext: expect.any(String) });
  expect(secretValues(checkpoint()).notCiphertext).toEqual([]);
});

test("pulumi destroy deletes the key", async () => {
  const destroy = await project.stack.destroy();
  expect(destroy.summary.resourceChanges).toMatchObject({ delete: 2 });
  expect(live()).toEqual([]);
});
