/**
 * Before any test: find or build the Pulumi CLI the end-to-end suite runs (scripts/pulumi-cli), once
 * for all workers, so a first build of several minutes happens here, with its progress printed,
 * rather than inside a test's time limit; and make the run's compile cache for the Node plugins the
 * CLI starts (scripts/engine/hostCompileCache.ts), which globalTeardown removes.
 */
import { openHostCompileCache } from "../../scripts/engine/hostCompileCache";
import { pulumiCli } from "../../scripts/engine/pulumiCli";

export default function globalSetup(): void {
  const cli = pulumiCli();
  process.stderr.write(`\nend-to-end suite: Pulumi CLI ${cli.version} (${cli.path})\n`);
  openHostCompileCache();
}
