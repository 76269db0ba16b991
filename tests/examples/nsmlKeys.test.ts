import { exampleRun, stateFileText, type ExampleRun } from "./exampleRun";

function nsmlKey(name: string, title: string, fingerprint: string) {
  return { name, title, fingerprint, createTime: "2026-05-01 09:30:00", publicKey: `ssh-ed25519 AAAA${name}` };
}

describe("examples/nsml-keys under the local runner", () => {
  let run: ExampleRun;
  beforeAll(async () => {
    run = await exampleRun("nsml-keys", { title: "ci" });
    run.emulator.state.nsmlKeys.push(
      nsmlKey("key-1", "ci", "11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff:00"),
      nsmlKey("key-2", "laptop", "aa:bb:cc:dd:ee:ff:00:11:22:33:44:55:66:77:88:99"),
    );
  });
  afterAll(() => run.close());

  test("up exports the fingerprints of the keys with the title", async () => {
    const result = await run.up();
    expect(result.steps.map((s) => s.op)).toEqual(["create"]);
    expect(result.outputs.fingerprints).toEqual(["11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff:00"]);
    expect(result.outputs.totalCount).toBe(1);
  });

  test("a new title is a new listing: the resource is replaced (its id holds the title)", async () => {
    run.emulator.state.nsmlKeys.push(nsmlKey("key-3", "laptop", "00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:01"));
    const result = await run.up({ title: "laptop" });
    expect(result.steps.map((s) => s.op)).toEqual(["replace", "delete-replaced"]);
    expect(result.outputs.fingerprints).toEqual(["aa:bb:cc:dd:ee:ff:00:11:22:33:44:55:66:77:88:99", "00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:01"]);
    expect(result.outputs.totalCount).toBe(2);
  });

  test("no secret reaches the state file; destroy forgets the listing and leaves the keys", async () => {
    expect(stateFileText(run)).not.toContain(run.emulator.apiKey);
    expect(stateFileText(run)).not.toContain(run.emulator.secretKey);
    const result = await run.destroy();
    expect(result.steps.map((s) => s.op)).toEqual(["delete"]);
    expect(run.emulator.state.nsmlKeys).toHaveLength(3);
  });
});
