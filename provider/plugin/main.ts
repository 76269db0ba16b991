/**
 * `pulumi-resource-ncloud-keys`: the provider plugin, for programs in any Pulumi language. The
 * engine starts it (through the launcher beside it in the plugin's directory) with its own
 * address as the argument; it prints the port it serves on and answers gRPC until the engine ends it.
 */
import { main } from "@pulumi/pulumi/provider";
import { configureWith } from "../handlers";
import { configReader, serveWithConfigure } from "./configure";
import { packageVersion } from "./packageVersion";
import { pluginProvider } from "./provider";
import { PACKAGE_NAME } from "./schema";

serveWithConfigure(
  () => main(pluginProvider(packageVersion()), process.argv.slice(2)),
  (request) => configureWith(configReader(request, PACKAGE_NAME), PACKAGE_NAME),
).catch((error: unknown) => {
  console.error(`pulumi-resource-${PACKAGE_NAME}: ${(error as Error).message}`);
  process.exitCode = 1;
});
