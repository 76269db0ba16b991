/**
 * The Pulumi CLI that the demo, the end-to-end suite and the bench run: found or built by
 * scripts/pulumi-cli/find-or-build (see there for the order and the cache). The engine users run,
 * not a stand-in: there is no fallback when neither a CLI nor Go is on this machine.
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";

const findOrBuild = path.resolve(__dirname, "..", "pulumi-cli", "find-or-build");

export interface PulumiCli {
  /** The `pulumi` binary. */
  path: string;
  /** What `pulumi version` printed, e.g. `v3.276.0`. */
  version: string;
}

let found: PulumiCli | undefined;

/**
 * Finds or builds the CLI once per process. The script's progress lines go to this process's
 * stderr as they come, so a first build of several minutes never looks hung.
 */
export function pulumiCli(): PulumiCli {
  if (found) return found;
  let bin: string;
  try {
    bin = execFileSync("bash", [findOrBuild], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
  } catch {
    throw new Error("no Pulumi CLI: scripts/pulumi-cli/find-or-build said why above. Install one (https://www.pulumi.com/docs/install/) or Go 1.26+, or set PULUMI_CLI.");
  }
  const version = execFileSync(bin, ["version"], { encoding: "utf8", env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" } }).trim();
  found = { path: bin, version };
  return found;
}
