/**
 * Adopting an existing key through the engine's import is refused, with a message that says why
 * (dynamic providers cannot import, pulumi#16175) and what to do instead, and nothing is sent to
 * NCP or written to state.
 *
 * Through the `import` resource option: the engine's import step, the same one `pulumi import`
 * runs. `pulumi import` on the command line itself cannot run on this machine: before importing,
 * it asks the project's language host (pulumi-language-nodejs, which the Go module proxy does not
 * serve) for the plugins the project needs, and fails with "failed to load language plugin nodejs".
 * With an installed Pulumi it ends with the dynamic-provider host's "code must be a string, not
 * undefined" (provider/importRefusal.ts says why); the README's "Import" paragraph covers that.
 */
import { expectingProgramError, openE2eStack, testProgram, type E2eStack } from "./harness";
import type { KeySpec } from "./programs/keys";

jest.setTimeout(120_000);

const SUB_ACCOUNT = "4e066e50-9c3a-11e7-8a66-1e5021fa7c80";
const EXISTING = "NCPEXISTINGKEY000001";
let e2e: E2eStack;

beforeAll(async () => {
  const keys: KeySpec[] = [{ name: "adopted", subAccountId: SUB_ACCOUNT, import: EXISTING }];
  e2e = await openE2eStack({ program: testProgram("keys"), config: { keys: JSON.stringify(keys) } });
  // A key made outside Pulumi, which a user would like the stack to hold.
  e2e.emulator.state.subAccounts.get(SUB_ACCOUNT)!.keys.set(EXISTING, { accessKey: EXISTING, keySecret: "made-by-hand-secret", active: true, createTime: new Date().toISOString() });
});
afterAll(() => e2e?.close());

test("preview with the import option fails, saying why and what to do instead, and sends nothing", async () => {
  let printed = "";
  await expect(expectingProgramError(() => e2e.stack.preview({ onOutput: (text) => (printed += text) }))).rejects.toThrow();
  expect(printed).toContain(`SubAccountAccessKey "adopted": the import option cannot adopt an existing resource`);
  expect(printed).toContain("https://github.com/pulumi/pulumi/issues/16175");
  expect(printed).toMatch(/Instead: remove the import option and let this resource create a new key .* then delete the old key/);
  // Not the dynamic-provider host's own error: the program refused before the engine read anything.
  expect(printed).not.toContain("code must be a string");
  expect(e2e.emulator.requests).toEqual([]);
});

test("up with the import option fails the same way and leaves the key alone and out of state", async () => {
  await expect(expectingProgramError(() => e2e.stack.up())).rejects.toThrow(/cannot import \(https:\/\/github.com\/pulumi\/pulumi\/issues\/16175\)/);
  expect(e2e.emulator.requests).toEqual([]);
  expect(e2e.emulator.state.liveKeys(SUB_ACCOUNT).map((k) => k.accessKey)).toEqual([EXISTING]);
  expect(e2e.resources().filter((r) => r.type !== "pulumi:pulumi:Stack")).toEqual([]);
});
