import { NcloudClient, type NcloudClientOptions } from "../../sdk";

/**
 * The one NcloudClient of this process, built on first use from the options the provider's
 * `configure` received (or, before any configure, from the SDK's environment chain).
 * One client means one keep-alive connection pool for every resource in a `pulumi up`.
 */
let options: NcloudClientOptions = {};
let client: NcloudClient | undefined;

export function setClientOptions(next: NcloudClientOptions): void {
  options = next;
  const previous = client;
  client = undefined;
  void previous?.close();
}

/** The options `configure` received: for a client scoped to a resource's own apiKey. */
export function clientOptions(): NcloudClientOptions {
  return options;
}

export function ncloudClient(): NcloudClient {
  client ??= new NcloudClient(options);
  return client;
}
