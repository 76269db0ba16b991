/**
 * The Pulumi CLI that the demo, the end-to-end suite and the bench run: found or built by
 * scripts/pulumi-cli/find-or-build (see there for the order and the cache). The engine users run,
 * not a stand-in: there is no fallback when neither a CLI nor Go is on this machine.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const findOrBuild = path.resolve(__dirname, "..", "pulumi-cli", "find-or-build");

export interface PulumiCli {
  /** The `pulumi` binary. */
  path: string;
  /** What `pulumi version` printed, e.g. `v3.276.0`. */
  version: string;
}

/**
 * What the lookup was found with, and where it is kept: an environment variable of Node's own
 * process (under jest, `process.env` is a copy per test file), so it holds for every test file a
 * jest worker runs and for the processes this one starts. jest starts its workers after its
 * globalSetup found the CLI, so no test file runs find-or-build and `pulumi version` again (a
 * `pulumi` start costs ~0.15 s CPU). The lookup's inputs travel with its answer: a process whose
 * inputs differ (another PULUMI_CLI, PATH or cache) looks again.
 */
const FOUND_VARIABLE = "PULUMI_NCLOUD_KEYS_CLI_FOUND";
const nodeEnv = process.getBuiltinModule("node:process").env;

function lookupInputs(): string {
  const { PULUMI_CLI, PATH, PULUMI_CLI_CACHE, XDG_CACHE_HOME, HOME } = nodeEnv;
  return JSON.stringify([findOrBuild, PULUMI_CLI, PATH, PULUMI_CLI_CACHE, XDG_CACHE_HOME, HOME]);
}

function foundEarlier(): PulumiCli | undefined {
  const saved = nodeEnv[FOUND_VARIABLE];
  if (!saved) return undefined;
  try {
    const { inputs, cli } = JSON.parse(saved) as { inputs: string; cli: PulumiCli };
    if (inputs !== lookupInputs()) return undefined;
    fs.accessSync(cli.path, fs.constants.X_OK);
    return cli;
  } catch {
    return undefined;
  }
}

/**
 * Finds or builds the CLI once per process (and its children, see FOUND_VARIABLE). The script's
 * progress lines go to this process's stderr as they come, so a first build of several minutes
 * never looks hung.
 */
export function pulumiCli(): PulumiCli {
  const earlier = foundEarlier();
  if (earlier) return earlier;
  const inputs = lookupInputs();
  let bin: string;
  try {
    bin = execFileSync("bash", [findOrBuild], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
  } catch {
    throw new Error("no Pulumi CLI: scripts/pulumi-cli/find-or-build said why above. Install one (https://www.pulumi.com/docs/install/) or Go 1.26+, or set PULUMI_CLI.");
  }
  const version = execFileSync(bin, ["version"], { encoding: "utf8", env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" } }).trim();
  const cli = { path: bin, version };
  nodeEnv[FOUND_VARIABLE] = JSON.stringify({ inputs, cli });
  return cli;
}
