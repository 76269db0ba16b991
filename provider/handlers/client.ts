import { NcloudClient, type NcloudClientOptions } from "../../sdk";
import { type HandlerKind, SECRET_PROPERTIES } from "./kinds";

/**
 * The one NcloudClient of this process, built on first use from the options the provider's
 * `configure` received (or, before any configure, from the SDK's environment chain).
 * One client means one keep-alive connection pool for every resource in a `pulumi up`.
 */
let options: NcloudClientOptions = {};
let client: NcloudClient | undefined;

/**
 * The host calls `configure` once per resource kind it loads, with the same stack config; keep the
 * client (its pool and the clock offset it learned) unless the options really changed. A replaced
 * client is not closed: a call of another resource may still be using it.
 */
export function setClientOptions(next: NcloudClientOptions): void {
  if (JSON.stringify(next) === JSON.stringify(options)) return;
  options = next;
  client = undefined;
}

/** The options of the last `configure` (what `check` judges settings-dependent inputs by). */
export function clientOptions(): NcloudClientOptions {
  return options;
}

export function ncloudClient(): NcloudClient {
  client ??= new NcloudClient(options);
  return client;
}

/**
 * Tells the client the secrets a resource of `kind` holds in these property maps (inputs, state),
 * before a handler talks to NCP about it: NCP knows them too, and may quote one back in an answer
 * to a call that does not carry it (a refresh of the key, a deletion).
 */
export function rememberResourceSecrets(kind: HandlerKind, ...propertyMaps: unknown[]): void {
  const values: Array<string | number> = [];
  for (const properties of propertyMaps) {
    if (properties === null || typeof properties !== "object") continue;
    for (const name of SECRET_PROPERTIES[kind]) {
      const value = (properties as Record<string, unknown>)[name];
      if (typeof value === "string" || typeof value === "number") values.push(value);
    }
  }
  if (values.length > 0) ncloudClient().rememberSecrets(...values);
}
