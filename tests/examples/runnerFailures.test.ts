import { exampleRun, SERVICE_GROUP, stateFileText, SUB_ACCOUNT, type ExampleRun } from "./exampleRun";

describe("the local runner when a run fails", () => {
  let run: ExampleRun;
  beforeAll(async () => {
    run = await exampleRun("key-rotation", { subAccountId: SUB_ACCOUNT, serviceGroupInstanceNo: SERVICE_GROUP, rotation: "2026-06" });
  });
  afterAll(() => run.close());

  test("bad input fails the run with the provider's check message and sends nothing", async () => {
    await expect(run.up({ subAccountId: "" })).rejects.toThrow(/subAccountId/);
    expect(run.emulator.requests.filter((r) => r.method !== "GET")).toEqual([]);
  });

  test("a failed rotation keeps the old key in state; the next good run finishes the job", async () => {
    const first = await run.up();
    // The service group is gone: the new key is created, handing it over fails.
    run.emulator.state.serviceGroups.delete(SERVICE_GROUP);
    await expect(run.up({ rotation: "2026-07" })).rejects.toThrow();
    const state = JSON.parse(stateFileText(run)) as { resources: Array<{ id: string; pendingDelete?: boolean }> };
    expect(state.resources.find((r) => r.id === first.outputs.accessKey)?.pendingDelete).toBe(true);
    expect(run.emulator.state.liveKeys(SUB_ACCOUNT)).toHaveLength(2);

    run.emulator.state.addServiceGroup(SERVICE_GROUP);
    const fixed = await run.up({ rotation: "2026-07" });
    expect(run.emulator.state.liveKeys(SUB_ACCOUNT).map((k) => k.accessKey)).toEqual([fixed.outputs.accessKey]);
    expect(run.emulator.state.serviceGroups.get(SERVICE_GROUP)?.accessKeyId).toBe(fixed.outputs.accessKey);
    await run.destroy();
    expect(run.emulator.state.liveKeys(SUB_ACCOUNT)).toEqual([]);
  });
});
