/**
 * The ncloud CLI's credentials file through the real dynamic-provider host: with no credentials in
 * stack config, the provider reads ~/.ncloud/configure, and says once, where `pulumi up` shows
 * provider output, that others can read it and how to fix that.
 */
import { chmodSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { startEmulator, type Emulator } from "../../sdk/emulator";
import { hostEnvironment } from "./ncloudStack";
import { dynamicType, providerKey, startProviderHost, urn, type ProviderHost } from "./providerHost";
import { serializedShim } from "./serializeProvider";
import { userProjectDir } from "./userProject";

const SUB = "4e066e50-9c3a-11e7-8a66-1e5021fa7c80";

let emulator: Emulator;
let host: ProviderHost;
let home: string;
let file: string;

beforeAll(async () => {
  emulator = await startEmulator({ subAccounts: [SUB], maxActiveKeys: 10 });
  const env = hostEnvironment();
  home = env.HOME!;
  mkdirSync(path.join(home, ".ncloud"));
  file = path.join(home, ".ncloud", "configure");
  writeFileSync(file, `[DEFAULT]\nncloud_access_key_id = ${emulator.accessKey}\nncloud_secret_access_key = ${emulator.secretKey}\n`);
  chmodSync(file, 0o644);
  host = await startProviderHost({ cwd: userProjectDir(), env });
  await host.configure({ "ncloud:apiUrl": emulator.url });
});

afterAll(async () => {
  await host?.close();
  await emulator?.close();
  rmSync(home, { recursive: true, force: true });
});

test("a world-readable credentials file is used, with one warning naming it and chmod 600", async () => {
  const provider = await serializedShim("subAccountAccessKey");
  for (const name of ["first", "second"]) {
    const u = urn(dynamicType("ncloud", "SubAccountAccessKey"), name);
    const { inputs } = await host.check(u, {}, { subAccountId: SUB, [providerKey]: provider });
    await host.create(u, inputs);
  }
  expect(emulator.state.liveKeys(SUB)).toHaveLength(2);
  // The host's stderr is a pipe: the line can arrive after the gRPC answer, so wait for it.
  await host.waitForOutput(/chmod 600/);
  const warnings = host.output().split("\n").filter((line) => line.includes("chmod 600"));
  expect(warnings).toEqual([`warning: ${file} has mode 0644: users other than its owner can read or change it, and it holds an NCP secret key. Fix: chmod 600 ${file}`]);
  expect(host.output()).not.toContain(emulator.secretKey);
});
