import { NcloudClient, type NcloudClientOptions } from "../../sdk";

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
