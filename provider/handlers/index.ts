import type * as pulumi from "@pulumi/pulumi";
import { setClientOptions } from "./client";
import type { HandlerKind } from "./kinds";
import * as nsmlAuthKeys from "./nsmlAuthKeys";
import * as searchSnapshotAuthKey from "./searchSnapshotAuthKey";
import { clientOptionsFromConfig } from "./settings";
import * as stsCredentials from "./stsCredentials";
import * as subAccountAccessKey from "./subAccountAccessKey";

/**
 * What the dynamic-provider host runs. The serialized provider of each resource (see
 * ../dynamicProvider) `require`s this module by package name and calls into it.
 */

/** Reads the `ncloud:*` stack config once per host process; secrets never leave this process. */
export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
  setClientOptions(clientOptionsFromConfig((key) => req.config.get(key)));
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

function handler(module: HandlerModule): Handler {
  // The engine's values are plain JSON shaped by check(); the casts name that boundary once.
  const m = module as unknown as Record<keyof HandlerModule, (...args: unknown[]) => unknown>;
  return {
    check: async (olds, news) => m.check(olds, news) as pulumi.dynamic.CheckResult,
    diff: async (id, olds, news) => m.diff(id, olds, news) as pulumi.dynamic.DiffResult,
    create: (inputs) => m.create(inputs) as Promise<pulumi.dynamic.CreateResult>,
    read: (id, props) => m.read(id, props) as Promise<pulumi.dynamic.ReadResult>,
    update: (id, olds, news) => m.update(id, olds, news) as Promise<pulumi.dynamic.UpdateResult>,
    delete: (id, props) => m.remove(id, props) as Promise<void>,
  };
}

export const handlers: Record<HandlerKind, Handler> = {
  subAccountAccessKey: handler(subAccountAccessKey),
  searchSnapshotAuthKey: handler(searchSnapshotAuthKey),
  stsCredentials: handler(stsCredentials),
  nsmlAuthKeys: handler(nsmlAuthKeys),
};
