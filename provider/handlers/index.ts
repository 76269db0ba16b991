import type * as pulumi from "@pulumi/pulumi";
import type { NcloudClientOptions } from "../../sdk";
import type { HandlerKind } from "./kinds";
import { warnOnce } from "../../sdk/settings/warnings";
import { checkedClientOptions, type ConfigReader, unknownConfigKeyWarning, unknownConfigKeys } from "./settings";
import type { FunctionResult } from "./functions";

/**
 * What the dynamic-provider host runs. The serialized provider of each resource (see
 * ../dynamicProvider) `require`s this module by package name and calls into it.
 *
 * Why every handler module is `require`d on first use and not imported: the host calls a
 * provider's `configure` on the first `check` of each resource kind (its `getProvider` in
 * @pulumi/pulumi/cmd/dynamic-provider), which `require`s this module; the handler modules pull in
 * the SDK, whose undici and zod alone cost ~130 ms to load (`npm run bench`, "cold start"). Loaded
 * per kind, a program pays only for the kinds it uses, and `configure` stays cheap. Imports here
 * are type-only or cheap (./settings and sdk/settings/warnings load neither undici nor zod).
 */

/** Options from the last `configure`, applied to the process's client when a handler next runs. */
let pendingOptions: NcloudClientOptions | undefined;
/**
 * Why the last `configure` failed. The host configures a provider once and keeps it even when
 * configure throws, so without this the next resource of the same kind would run on the SDK's
 * defaults instead of the stack config that was refused.
 */
let configureError: Error | undefined;

/**
 * Reads the `ncloud:*` stack config once per host process; secrets never leave this process. Bad
 * values (and bad `NCLOUD_*` variables) fail here, naming the key; the client (and the SDK with
 * it) is built on first use.
 */
export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
  for (const unknown of unknownConfigKeys(stackConfigKeys(req.config))) warnOnce(`stack config ${unknown.key}`, unknownConfigKeyWarning(unknown));
  configureWith((key) => req.config.get(key));
}

/**
 * `configure` for any door: `read` answers `<namespace>:<name>` keys (`ncloud:accessKey` for the
 * dynamic resources, `ncloud-keys:accessKey` for the provider plugin). A failed configure sticks:
 * every later call fails the same way rather than run on the SDK's defaults.
 */
export function configureWith(read: ConfigReader, namespace?: string): void {
  try {
    pendingOptions = checkedClientOptions(read, process.env, namespace);
    configureError = undefined;
  } catch (error) {
    configureError = error as Error;
    throw error;
  }
}

/**
 * Every key of the stack config. The engine sends a dynamic provider the whole stack config, but
 * the host hands `configure` a Config with only get/require; the keys are on its `rawConfig`
 * (@pulumi/pulumi cmd/dynamic-provider/config.js). Anything else there means no keys to check.
 */
function stackConfigKeys(config: unknown): string[] {
  const raw: unknown = config !== null && typeof config === "object" ? (config as { rawConfig?: unknown }).rawConfig : undefined;
  return raw !== null && typeof raw === "object" ? Object.keys(raw) : [];
}

function applyPendingOptions(): void {
  if (configureError !== undefined) throw configureError;
  if (pendingOptions === undefined) return;
  (require("./client") as typeof import("./client")).setClientOptions(pendingOptions);
  pendingOptions = undefined;
}

type Handler = Required<Omit<pulumi.dynamic.ResourceProvider, "configure">>;

/** A resource's handler module; `check` and `diff` are pure and synchronous, so they can be table-tested. */
interface HandlerModule {
  check(olds: unknown, news: Record<string, unknown>): pulumi.dynamic.CheckResult;
  diff(id: string, olds: never, news: never): pulumi.dynamic.DiffResult;
  create(inputs: never): Promise<pulumi.dynamic.CreateResult>;
  read(id: string, props: never): Promise<pulumi.dynamic.ReadResult>;
  update(id: string, olds: never, news: never): Promise<pulumi.dynamic.UpdateResult>;
  remove(id: string, props: never): Promise<void>;
}

/** Each kind's module, loaded by the first call that needs it (Node caches it after that). */
const load: Record<HandlerKind, () => HandlerModule> = {
  subAccountAccessKey: () => require("./subAccountAccessKey") as typeof import("./subAccountAccessKey"),
  searchSnapshotAuthKey: () => require("./searchSnapshotAuthKey") as typeof import("./searchSnapshotAuthKey"),
  stsCredentials: () => require("./stsCredentials") as typeof import("./stsCredentials"),
  nsmlAuthKeys: () => require("./nsmlAuthKeys") as typeof import("./nsmlAuthKeys"),
};

function handler(kind: HandlerKind): Handler {
  // The engine's values are plain JSON shaped by check(); the casts name that boundary once.
  const m = (): Record<keyof HandlerModule, (...args: unknown[]) => unknown> => {
    applyPendingOptions();
    return load[kind]() as unknown as Record<keyof HandlerModule, (...args: unknown[]) => unknown>;
  };
  /** The module, once the client knows the secrets in these property maps (see ./client rememberResourceSecrets). */
  const talking = (...propertyMaps: unknown[]) => {
    const module = m();
    (require("./client") as typeof import("./client")).rememberResourceSecrets(kind, ...propertyMaps);
    return module;
  };
  return {
    check: async (olds, news) => m().check(olds, news) as pulumi.dynamic.CheckResult,
    diff: async (id, olds, news) => m().diff(id, olds, news) as pulumi.dynamic.DiffResult,
    create: async (inputs) => talking(inputs).create(inputs) as Promise<pulumi.dynamic.CreateResult>,
    read: async (id, props) => talking(props).read(id, props) as Promise<pulumi.dynamic.ReadResult>,
    update: async (id, olds, news) => talking(olds, news).update(id, olds, news) as Promise<pulumi.dynamic.UpdateResult>,
    delete: async (id, props) => talking(props).remove(id, props) as Promise<void>,
  };
}

export const handlers: Record<HandlerKind, Handler> = {
  subAccountAccessKey: handler("subAccountAccessKey"),
  searchSnapshotAuthKey: handler("searchSnapshotAuthKey"),
  stsCredentials: handler("stsCredentials"),
  nsmlAuthKeys: handler("nsmlAuthKeys"),
};

/** The get functions, as the provider plugin's invokes; named as in the TypeScript door. */
export type FunctionName = "getSubAccountAccessKeys" | "getStsCredentials" | "getNsmlAuthKeys";

export const functions: Record<FunctionName, (args: Record<string, unknown>) => Promise<FunctionResult>> = {
  getSubAccountAccessKeys: (args) => loadFunctions().getSubAccountAccessKeys(args),
  getStsCredentials: (args) => loadFunctions().getStsCredentials(args),
  getNsmlAuthKeys: (args) => loadFunctions().getNsmlAuthKeys(args),
};

function loadFunctions(): typeof import("./functions") {
  applyPendingOptions();
  return require("./functions") as typeof import("./functions");
}
