import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator, type Emulator } from "../../sdk/emulator";
import { up } from "./runner";

/*
 * The local runner's gRPC deadline per host call is an option (RunOptions.callTimeoutMs): the
 * bench's scale row registers 200 creates at once and needs more than the 10 s default.
 */

const SUB = "4e066e50-9c3a-11e7-8a66-1e5021fa7c80";
const PROGRAM = `import * as ncloud from "pulumi-ncloud-keys";
new ncloud.SubAccountAccessKey("key", { subAccountId: "${SUB}" });
`;

describe("the local runner's deadline per host call", () => {
  let emulator: Emulator;
  let dir: string;
  beforeEach(async () => {
    // The create answers after 6 s: past the short deadline below, well inside the 10 s default.
    emulator = await startEmulator({ subAccounts: [SUB], faults: [{ method: "POST", kind: "latency", delayMs: 6000, times: 1 }] });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "ncloud-runner-deadline-"));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: runner-deadline\nruntime: nodejs\n");
    fs.writeFileSync(path.join(dir, "index.ts"), PROGRAM);
  });
  afterEach(async () => {
    await emulator.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("callTimeoutMs reaches the host calls: a create slower than it fails the run with the deadline", async () => {
    const run = up({
      program: dir,
      stateFile: path.join(dir, "state.json"),
      config: { "ncloud:accessKey": emulator.accessKey, "ncloud:secretKey": emulator.secretKey, "ncloud:apiUrl": emulator.url },
      secretConfig: ["ncloud:secretKey"],
      log: () => undefined,
      callTimeoutMs: 2500,
    });
    await expect(run).rejects.toThrow(/Deadline exceeded/);
    // The create was under way when the deadline passed: the deadline, not the provider, ended it.
    expect(emulator.requests.some((r) => r.method === "POST")).toBe(true);
  }, 20_000);
});
