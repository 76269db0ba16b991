import * as pulumi from "@pulumi/pulumi";
import { NcloudClient } from "../sdk";
import { clientOptionsFromConfig } from "./handlers/settings";

/**
 * The client the get functions use inside the Pulumi program itself (they run there, not in the
 * dynamic-provider host). It reads the same `ncloud:*` stack config as the provider, through the
 * runtime's raw config so a secret `ncloud:secretKey` is read without being printed.
 */
let client: NcloudClient | undefined;

export function programClient(): NcloudClient {
  client ??= new NcloudClient(clientOptionsFromConfig((key) => pulumi.runtime.getConfig(key)));
  return client;
}
