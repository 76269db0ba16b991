/**
 * A mistyped `ncloud:*` key on the real Pulumi engine: the engine hands the dynamic provider the
 * whole stack config, so `pulumi preview` shows the provider's warning naming the key it meant.
 */
import * as path from "node:path";
import { startEmulator, type Emulator } from "../../sdk/emulator";
import { openLocalStack, type LocalStack } from "../../scripts/engine/localStack";

jest.setTimeout(180_000);

let emulator: Emulator;
let local: LocalStack;

beforeAll(async () => {
  emulator = await startEmulator();
  local = await openLocalStack({
    program: path.resolve(__dirname, "../../examples/temporary-credentials"),
    config: {
      "ncloud:accessKey": emulator.accessKey,
      "ncloud:secretKey": emulator.secretKey,
      "ncloud:apiUrl": emulator.url,
      "ncloud:regoin": "KR",
    },
    secretConfig: ["ncloud:secretKey"],
  });
});

afterAll(async () => {
  local?.dispose();
  await emulator?.close();
});

test("preview warns once about ncloud:regoin, naming ncloud:region, and creates nothing", async () => {
  let output = "";
  const result = await local.stack.preview({ onOutput: (text) => (output += text) });
  expect(result.changeSummary).toMatchObject({ create: 2 });
  // The engine shows a provider's stderr line as it streams, then once more under Diagnostics.
  const diagnostics = output.slice(output.indexOf("Diagnostics:")).split("\n");
  const said = diagnostics.filter((line) => line.includes("stack config ncloud:regoin is not a setting of pulumi-ncloud-keys"));
  expect(said).toHaveLength(1);
  expect(said[0]).toContain("warning: stack config ncloud:regoin is not a setting of pulumi-ncloud-keys, so it is ignored: did you mean ncloud:region?");
  expect(output).not.toContain(emulator.secretKey);
  expect(emulator.requests.filter((r) => r.method !== "GET")).toEqual([]);
});
