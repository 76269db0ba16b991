import * as fs from "node:fs";
import { keyFileOf } from "../engine/runner";
import { exampleRun, SERVICE_GROUP, stateFileText, SUB_ACCOUNT, type ExampleRun } from "./exampleRun";

describe("examples/key-rotation under the local runner", () => {
  let run: ExampleRun;
  const secrets: string[] = [];
  beforeAll(async () => {
    run = await exampleRun("key-rotation", { subAccountId: SUB_ACCOUNT, serviceGroupInstanceNo: SERVICE_GROUP, rotation: "2026-06" });
    secrets.push(run.emulator.secretKey, run.emulator.apiKey);
  });
  afterAll(() => run.close());

  const live = (): string[] => run.emulator.state.liveKeys(SUB_ACCOUNT).map((k) => k.accessKey);
  const group = () => run.emulator.state.serviceGroups.get(SERVICE_GROUP);

  let first = "";
  test("up creates one key and sets it on the service group", async () => {
    const result = await run.up();
    first = String(result.outputs.accessKey);
    secrets.push(String(result.outputs.keySecret));
    expect(result.steps.map((s) => [s.op, s.name])).toEqual([
      ["create", "search-snapshots"],
      ["create", "search-snapshots"],
    ]);
    expect(live()).toEqual([first]);
    expect(group()?.accessKeyId).toBe(first);
    expect(group()?.secretKey).toBe(result.outputs.keySecret);
    expect(result.secretOutputs).toEqual(["keySecret"]);
    expect(run.printed).toContain("    keySecret: [secret]");
    expect(result.summary).toBe("Resources: 2 created, 0 updated, 0 replaced, 0 deleted, 0 unchanged");
  });

  test("up again with the same config changes nothing", async () => {
    const before = run.emulator.requests.length;
    const result = await run.up();
    expect(result.steps.map((s) => s.op)).toEqual(["same", "same"]);
    expect(result.outputs.accessKey).toBe(first);
    expect(run.emulator.requests.slice(before).filter((r) => r.method !== "GET")).toEqual([]);
  });

  test("a new rotation value rotates the key: new key on the service group before the old one is deleted", async () => {
    const before = run.emulator.requests.length;
    const result = await run.up({ rotation: "2026-07" });
    const second = String(result.outputs.accessKey);
    secrets.push(String(result.outputs.keySecret));
    expect(second).not.toBe(first);
    expect(result.steps.map((s) => s.op)).toEqual(["replace", "update", "delete-replaced"]);
    expect(live()).toEqual([second]);
    expect(group()?.accessKeyId).toBe(second);

    const writes = run.emulator.requests.slice(before).filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`);
    const created = writes.indexOf(`POST /api/v1/sub-accounts/${SUB_ACCOUNT}/access-keys`);
    const handedOver = writes.indexOf(`POST /api/v2/snapshot/updateAPIAuthenticationKey/${SERVICE_GROUP}`);
    const deleted = writes.findIndex((w) => w.startsWith("DELETE "));
    expect(created).toBeGreaterThanOrEqual(0);
    expect(handedOver).toBeGreaterThan(created);
    expect(deleted).toBeGreaterThan(handedOver);
  });

  test("the state file holds no plaintext secret, and its key file is private", () => {
    const text = stateFileText(run);
    for (const value of secrets) {
      expect(value.length).toBeGreaterThan(8);
      expect(text).not.toContain(value);
    }
    expect(text).toContain('"ciphertext"');
    expect(fs.statSync(keyFileOf(run.stateFile)).mode & 0o777).toBe(0o600);
    const printed = run.printed.join("\n");
    for (const value of secrets) expect(printed).not.toContain(value);
  });

  test("destroy deletes the key and empties the state", async () => {
    const result = await run.destroy();
    expect(result.steps.map((s) => s.op)).toEqual(["delete", "delete"]);
    expect(live()).toEqual([]);
    expect(JSON.parse(stateFileText(run)).resources).toEqual([]);
  });
});
