import * as pulumi from "@pulumi/pulumi";
import { NcloudClient } from "../sdk";
import { clientOptionsFromConfig } from "./handlers/settings";

/**
 * The client the get functions use inside the Pulumi program itself (they run there, not in the
 * dynamic-provider host). It reads the same `ncloud:*` stack config as the provider, through the
 * runtime's raw config so a secret `ncloud:secretKey` is read without being printed.
 */
let client: NcloudClient | undefined;
let clientOptions = "";

/**
 * Rebuilt when the stack config changes: one process can run a program more than once (an
 * Automation API inline program), and a client kept from an earlier run would call its endpoint.
 */
export function programClient(): NcloudClient {
  const options = clientOptionsFromConfig((key) => pulumi.runtime.getConfig(key));
  const key = JSON.stringify(options);
  if (!client || key !== clientOptions) {
    client = new NcloudClient(options);
    clientOptions = key;
  }
  return client;
}
