/**
 * `pulumi preview` when a SubAccountAccessKey's subAccountId is unknown (another resource's output,
 * not yet created or being replaced): the engine shows the change and nothing reaches NCP.
 */
import { openE2eStack, testProgram, TYPE, type E2eStack } from "./harness";

jest.setTimeout(120_000);

const FIRST = "4e066e50-9c3a-11e7-8a66-1e5021fa7c80";
const SECOND = "9a1b2c3d-0000-4000-8000-000000000002";
let e2e: E2eStack;

beforeAll(async () => {
  // It reads previews, the state and the emulator.
  e2e = await openE2eStack({ program: testProgram("unknown-sub-account"), config: { subAccountId: FIRST }, emulator: { subAccounts: [FIRST, SECOND] }, readsOutputs: false });
});
afterAll(() => e2e?.close());

test("a first preview shows the key to create with an unknown subAccountId, and sends nothing", async () => {
  let printed = "";
  const preview = await e2e.stack.preview({ diff: true, onOutput: (text) => (printed += text) });
  expect(preview.changeSummary).toEqual({ create: 3 });
  expect(printed).toMatch(/subAccountId\s*:\s*\[unknown\]/);
  expect(e2e.emulator.requests).toEqual([]);
});

test("after up, a preview in which the source is replaced shows the key replaced, and sends nothing", async () => {
  await e2e.stack.up();
  const [key] = e2e.resources(TYPE.subAccountAccessKey);
  expect(e2e.emulator.state.liveKeys(FIRST).map((k) => k.accessKey)).toEqual([key.id]);
  const before = e2e.emulator.requests.length;

  await e2e.setConfig({ subAccountId: SECOND });
  let printed = "";
  const preview = await e2e.stack.preview({ diff: true, onOutput: (text) => (printed += text) });
  expect(preview.changeSummary).toEqual({ replace: 2, same: 1 });
  expect(printed).toMatch(new RegExp(`subAccountId\\s*:\\s*"${FIRST}" => \\[unknown\\]`));
  expect(e2e.requestsSince(before, { withReads: true })).toEqual([]);
  expect(e2e.emulator.state.liveKeys(FIRST).map((k) => k.accessKey)).toEqual([key.id]);
});
