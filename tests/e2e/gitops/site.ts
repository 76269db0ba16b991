/**
 * One place the workflow runs, as the replay needs it: a checkout on disk, an emulator standing in
 * for NCP (its clock can be moved, to age keys), and a file backend standing in for Pulumi Cloud,
 * with the `pulumi` the end-to-end suite runs on PATH, as pulumi/actions puts it there.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator, type Emulator } from "../../../sdk/emulator";
import { pulumiCli } from "../../../scripts/engine/pulumiCli";
import { TEST_CLOCK_VARIABLE } from "../../../provider/handlers/rotation";
import { runCommands } from "./layouts";
import { replayJob, type ReplayContext, type StepOutcome } from "./replay";
import { jobsFor, readWorkflow, type GitHubEvent } from "./workflow";

const MAIN = "refs/heads/main";

export interface Site {
  /** The repository root: where .github/workflows is. */
  root: string;
  emulator: Emulator;
  backendDir: string;
  replay: ReplayContext;
  /** NCP's clock (create times, the audit's ages) and the rotation rule's, moved together; undefined is now. */
  setClock(at: number | undefined): void;
  /** Runs the jobs `event` runs, read from the workflow file now (it may have been edited). */
  on(event: GitHubEvent["event_name"]): Promise<{ jobs: string[]; steps: StepOutcome[] }>;
  /** Shell commands with the replay's environment (the CLI, the backend), e.g. the user's own. */
  shell(commands: string, cwd: string): Promise<{ exitCode: number; output: string }>;
  close(): Promise<void>;
}

export async function openSite(root: string): Promise<Site> {
  let clock: number | undefined;
  const emulator = await startEmulator({ now: () => clock ?? Date.now(), gatewayNow: Date.now });
  const backendDir = fs.mkdtempSync(path.join(os.tmpdir(), "gitops-state-"));
  const pulumiHome = fs.mkdtempSync(path.join(os.tmpdir(), "gitops-pulumi-home-"));
  const cli = pulumiCli();
  const env: Record<string, string> = {
    PULUMI_BACKEND_URL: `file://${backendDir}`,
    PULUMI_CONFIG_PASSPHRASE: crypto.randomBytes(18).toString("base64url"),
    PULUMI_HOME: pulumiHome,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PATH: `${path.dirname(cli.path)}${path.delimiter}${process.env.PATH ?? ""}`,
    // NCP's stand-in; the credentials come in as the workflow's secrets.
    NCLOUD_API_URL: emulator.url,
  };
  const replay: ReplayContext = {
    root,
    secrets: { NCLOUD_ACCESS_KEY: emulator.accessKey, NCLOUD_SECRET_KEY: emulator.secretKey },
    env,
    localStackName: (name) => name.replace(/^[^/]+\/(?=[^/]+\/[^/]+$)/, "organization/"),
  };
  const workflowFile = path.join(root, ".github", "workflows", "pulumi.yml");
  return {
    root,
    emulator,
    backendDir,
    replay,
    setClock(at) {
      clock = at;
      if (at === undefined) delete env[TEST_CLOCK_VARIABLE];
      else env[TEST_CLOCK_VARIABLE] = new Date(at).toISOString();
    },
    async on(eventName) {
      const workflow = readWorkflow(workflowFile);
      const event: GitHubEvent = { event_name: eventName, ref: MAIN };
      const jobs = jobsFor(workflow, event);
      const steps: StepOutcome[] = [];
      for (const job of jobs) steps.push(...(await replayJob(workflow, job, event, replay)));
      return { jobs, steps };
    },
    shell: (commands, cwd) => runCommands(commands, cwd, env),
    async close() {
      await emulator.close();
      for (const dir of [backendDir, pulumiHome]) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
