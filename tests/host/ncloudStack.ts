import * as os from "node:os";
import * as path from "node:path";
import { mkdtempSync, rmSync } from "node:fs";
import type { HandlerKind } from "../../provider/handlers/kinds";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../sdk/emulator";
import { dynamicType, providerKey, startProviderHost, urn, type ProviderHost, type WireObject } from "./providerHost";
import { serializedShim } from "./serializeProvider";
import { userProjectDir } from "./userProject";

/**
 * The emulator plus the real dynamic-provider host, configured the way `pulumi up` configures it
 * from stack config (`ncloud:*`, secrets marked secret). The host gets no NCLOUD_* variables and an
 * empty HOME, so the only credentials it can use are the ones configure sent.
 */
export interface NcloudStack {
  emulator: Emulator;
  host: ProviderHost;
  /** The `__provider` text of a kind, exactly as `pulumi.dynamic.Resource` makes it. */
  provider(kind: HandlerKind): Promise<string>;
  /** The URN of a resource of `kind` (type token `pulumi-nodejs:dynamic/ncloud:<Name>`). */
  urn(kind: HandlerKind, name: string): string;
  /** check → create, as the engine does for a new resource. Returns id and outputs. */
  createResource(kind: HandlerKind, name: string, inputs: WireObject): Promise<{ id: string; properties: WireObject; inputs: WireObject }>;
  close(): Promise<void>;
}

const typeNames: Record<HandlerKind, string> = {
  subAccountAccessKey: "SubAccountAccessKey",
  searchSnapshotAuthKey: "SearchSnapshotAuthKey",
  stsCredentials: "StsCredentials",
  nsmlAuthKeys: "NsmlAuthKeys",
};

export function hostEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith("NCLOUD_")) env[key] = value;
  env.HOME = mkdtempSync(path.join(os.tmpdir(), "ncloud-home-"));
  return env;
}

/** `extraEnv`: variables the host gets on top of hostEnvironment() (an NCLOUD_* under test). */
export async function startNcloudStack(
  options: EmulatorOptions = {},
  config: Record<string, string> = {},
  extraEnv: Record<string, string> = {},
): Promise<NcloudStack> {
  const emulator = await startEmulator(options);
  const env = { ...hostEnvironment(), ...extraEnv };
  const host = await startProviderHost({ cwd: userProjectDir(), env });
  await host.configure(
    {
      "ncloud:accessKey": emulator.accessKey,
      "ncloud:secretKey": emulator.secretKey,
      "ncloud:apiKey": emulator.apiKey,
      "ncloud:apiUrl": emulator.url,
      ...config,
    },
    { secretKeys: ["ncloud:secretKey", "ncloud:apiKey"] },
  );
  const texts = new Map<HandlerKind, Promise<string>>();
  const provider = (kind: HandlerKind) => {
    if (!texts.has(kind)) texts.set(kind, serializedShim(kind));
    return texts.get(kind)!;
  };
  const urnOf = (kind: HandlerKind, name: string) => urn(dynamicType("ncloud", typeNames[kind]), name);
  return {
    emulator,
    host,
    provider,
    urn: urnOf,
    async createResource(kind, name, inputs) {
      const news = { ...inputs, [providerKey]: await provider(kind) };
      const checked = await host.check(urnOf(kind, name), {}, news);
      if (checked.failures.length) throw new Error(`check failed: ${JSON.stringify(checked.failures)}`);
      const created = await host.create(urnOf(kind, name), checked.inputs);
      return { ...created, inputs: checked.inputs };
    },
    async close() {
      await host.close();
      await emulator.close();
      rmSync(env.HOME!, { recursive: true, force: true });
    },
  };
}
