/**
 * examples/key-rotation on the real Pulumi engine (the CLI from scripts/pulumi-cli), against the
 * NCP emulator: up, refresh, destroy.
 */
import * as path from "node:path";
import { startEmulator, type Emulator } from "../../sdk/emulator";
import { openLocalStack, type LocalStack } from "../../scripts/engine/localStack";
import { readCheckpoint, secretValues } from "../../scripts/engine/stateScan";

jest.setTimeout(180_000);

const subAccountId = "4e066e50-9c3a-11e7-8a66-1e5021fa7c80";
let emulator: Emulator;
let local: LocalStack;

beforeAll(async () => {
  emulator = await startEmulator();
  local = await openLocalStack({
    program: path.resolve(__dirname, "../../examples/key-rotation"),
    config: {
      subAccountId,
      serviceGroupInstanceNo: "1531843",
      rotation: "2026-06",
      rotationDays: "90",
      maxKeyAgeDays: "100",
      "ncloud:accessKey": emulator.accessKey,
      "ncloud:secretKey": emulator.secretKey,
      "ncloud:apiUrl": emulator.url,
    },
    secretConfig: ["ncloud:secretKey"],
  });
});

afterAll(async () => {
  local?.dispose();
  await emulator?.close();
});

test("up creates the key and hands it to the service group; the state holds only ciphertext", async () => {
  const result = await local.stack.up();
  expect(result.summary.resourceChanges).toEqual({ create: 3 });
  const live = emulator.state.liveKeys(subAccountId).map((k) => k.accessKey);
  expect(live).toEqual([result.outputs.accessKey.value]);
  expect(result.outputs.keySecret.secret).toBe(true);
  const checkpoint = secretValues(readCheckpoint(local.backendDir, "key-rotation", "dev"));
  expect(checkpoint.notCiphertext).toEqual([]);
  expect(checkpoint.ciphertext).toBeGreaterThan(0);
});

test("refresh sees no drift, and destroy leaves no key", async () => {
  const refresh = await local.stack.refresh();
  expect(refresh.summary.resourceChanges).toEqual({ same: 3 });
  await local.stack.destroy();
  expect(emulator.state.liveKeys(subAccountId)).toEqual([]);
});
