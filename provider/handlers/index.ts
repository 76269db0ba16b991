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

function handler(module: {
  check: Handler["check"];
  diff: Handler["diff"];
  create: Handler["create"];
  read: Handler["read"];
  update: Handler["update"];
  remove: Handler["delete"];
}): Handler {
  return { check: module.check, diff: module.diff, create: module.create, read: module.read, update: module.update, delete: module.remove };
}

export const handlers: Record<HandlerKind, Handler> = {
  subAccountAccessKey: handler(subAccountAccessKey),
  searchSnapshotAuthKey: handler(searchSnapshotAuthKey),
  stsCredentials: handler(stsCredentials),
  nsmlAuthKeys: handler(nsmlAuthKeys),
};
