/**
 * Where tests keep what costs to make and is fixed by its inputs, between runs: this user's cache
 * directory, beside the Pulumi CLI that scripts/pulumi-cli/find-or-build keeps (same root, same
 * variables), never the shared OS temp directory. Anything kept here is run (the Python SDK's
 * dependencies are imported, the serialized provider is executed by the provider host), and a
 * predictable name in /tmp is one another local user could make first, with their own code in it.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export function keptDir(): string {
  const env = process.getBuiltinModule("node:process").env;
  const root = env.PULUMI_CLI_CACHE || path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "pulumi-ncloud-keys");
  const dir = path.join(root, "tests");
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}
