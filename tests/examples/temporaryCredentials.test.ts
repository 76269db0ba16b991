import { exampleRun, stateFileText, type ExampleRun } from "./exampleRun";

describe("examples/temporary-credentials under the local runner", () => {
  let run: ExampleRun;
  const secrets: string[] = [];
  beforeAll(async () => {
    run = await exampleRun("temporary-credentials", { durationSec: "3600" });
    secrets.push(run.emulator.secretKey);
  });
  afterAll(() => run.close());

  let first = "";
  test("up mints temporary credentials and reads the caller's identity", async () => {
    const result = await run.up();
    first = String(result.outputs.accessKey);
    secrets.push(String(result.outputs.keySecret));
    expect(result.steps.map((s) => s.op)).toEqual(["create"]);
    expect(run.emulator.state.stsIssued.map((c) => c.accessKey)).toEqual([first]);
    expect(result.outputs.callerAccessKey).toBe(run.emulator.accessKey);
    expect(result.secretOutputs).toContain("keySecret");
    expect(Date.parse(String(result.outputs.expireTime)) - Date.now()).toBeGreaterThan(3500 * 1000);
  });

  test("up far from expiry keeps them", async () => {
    const result = await run.up();
    expect(result.steps.map((s) => s.op)).toEqual(["same"]);
    expect(result.outputs.accessKey).toBe(first);
    expect(run.emulator.state.stsIssued).toHaveLength(1);
  });

  test("up within renewBefore of expiry renews them", async () => {
    // Five minutes before they expire, by the provider's test clock (renewBefore is 600 s).
    const expireTime = Date.parse(run.emulator.state.stsIssued[0].expireTime);
    const result = await run.up({}, { NCLOUD_KEYS_TEST_NOW: new Date(expireTime - 300_000).toISOString() });
    secrets.push(String(result.outputs.keySecret));
    expect(result.steps.map((s) => s.op)).toEqual(["replace", "delete-replaced"]);
    expect(result.outputs.accessKey).not.toBe(first);
    expect(run.emulator.state.stsIssued).toHaveLength(2);
  });

  test("the state file holds no plaintext secret", () => {
    const text = stateFileText(run);
    for (const value of secrets) expect(text).not.toContain(value);
    for (const value of secrets) expect(run.printed.join("\n")).not.toContain(value);
  });

  test("destroy forgets them (NCP cannot revoke them; they expire)", async () => {
    const result = await run.destroy();
    expect(result.steps.map((s) => s.op)).toEqual(["delete"]);
    expect(JSON.parse(stateFileText(run)).resources).toEqual([]);
  });
});
