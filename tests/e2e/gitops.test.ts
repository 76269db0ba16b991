/**
 * examples/gitops as its workflow runs it, on the real Pulumi engine against the NCP emulator: the
 * jobs each event runs and their steps are read from .github/workflows/pulumi.yml and replayed
 * (tests/e2e/gitops/replay.ts), install and build included, in two layouts:
 * - a copy of this repository, the example an npm workspace of it: the pull request's job;
 * - a new repository the folder is copied out to by the README's own commands, the package coming
 *   from the tarball `npm pack` makes. There the key also ages past `rotationDays`, rotates by a
 *   pull request to Pulumi.dev.yaml, and goes overdue for check-rotation.sh and the audit to see.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { readCheckpoint, secretValues, plaintextUnder } from "../../scripts/engine/stateScan";
import { copyRepository, exampleDir, readmeShellBlocks, runCommands, scratchDir } from "./gitops/layouts";
import { openSite, type Site } from "./gitops/site";
import type { StepOutcome } from "./gitops/replay";
import { jobsFor, readWorkflow } from "./gitops/workflow";
import { parseYaml } from "./gitops/yaml";

jest.setTimeout(20 * 60_000);

const DAY = 86_400_000;
const PROJECT = "gitops-key-rotation";
const STACK = "organization/gitops-key-rotation/dev"; // my-org/gitops-key-rotation/dev on the file backend
const readme = fs.readFileSync(path.join(exampleDir, "README.md"), "utf8");
const stackConfig = parseYaml(fs.readFileSync(path.join(exampleDir, "Pulumi.dev.yaml"), "utf8")) as { config: Record<string, string> };
const subAccountId = stackConfig.config[`${PROJECT}:subAccountId`];
const serviceGroupNo = stackConfig.config[`${PROJECT}:serviceGroupInstanceNo`];

const scratch = scratchDir("gitops-e2e-");
const clone = path.join(scratch, "pulumi-ncloud-keys");
// Where the copy-out finds the example as checked out and the tarball: the first clone's example
// holds its stack's salt by then.
const packClone = path.join(scratch, "pulumi-ncloud-keys-to-pack");
const userRepo = path.join(scratch, "user-repo");

afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/**
 * The README's second block in a new repository, as written, from `cloneDir` (the example as
 * checked out, and the tarball), then the edits it lists, and the stack created: resolves to the
 * new repository's site, or to the error that stopped it (read by the layout's beforeAll).
 */
async function copyOut(cloneDir: string): Promise<Site> {
  const [, commands] = readmeShellBlocks(readme, "### Use it in your own repository");
  fs.mkdirSync(userRepo);
  const copied = await runCommands(commands, userRepo, { CLONE: cloneDir });
  expect(copied.exitCode === 0 ? "copied" : copied.output).toBe("copied");
  const workflowFile = path.join(userRepo, ".github", "workflows", "pulumi.yml");
  const workflow = fs.readFileSync(workflowFile, "utf8");
  expect(readme).toContain("`WORK_DIR: infra`");
  fs.writeFileSync(workflowFile, workflow.replace(/^( +WORK_DIR: )examples\/gitops$/m, "$1infra"));
  expect(readWorkflow(workflowFile).env.WORK_DIR).toBe("infra");
  const site = await openSite(userRepo);
  try {
    expect(readme).toContain("`pulumi stack init <org>/gitops-key-rotation/dev` in `infra/`");
    const created = await site.shell(`pulumi stack init ${STACK}`, path.join(userRepo, "infra"));
    expect(created.exitCode === 0 ? "created" : created.output).toBe("created");
    return site;
  } catch (err) {
    await site.close();
    throw err;
  }
}

/**
 * The copied-out repository, made while the first layout's pulumi runs go on (it only reads the
 * tarball and a fresh copy of the example): npm's install there is mostly waiting on the disk.
 */
let userRepoMade: Promise<Site | Error> | undefined;
afterAll(async () => {
  const made = await userRepoMade;
  if (made && !(made instanceof Error)) await made.close();
});

function step(outcomes: StepOutcome[], label: string): StepOutcome {
  const found = outcomes.find((o) => o.step === label || o.step.startsWith(label));
  if (!found) throw new Error(`no step ${label} in ${outcomes.map((o) => o.step).join(", ")}`);
  return found;
}

/** Every step succeeded; on failure, the step's output says why. */
function expectAllPassed(outcomes: StepOutcome[]): void {
  const failed = outcomes.find((o) => o.exitCode !== 0);
  expect(failed ? `${failed.step} failed:\n${failed.output}` : "all passed").toBe("all passed");
}

/** The engine's steps on the program's resources, less the refresh reads, as `op name`. */
function changes(outcome: StepOutcome): string[] {
  return outcome
    .action!.steps.filter((s) => s.op !== "refresh" && !/pulumi:pulumi:Stack|pulumi:providers:/.test(s.urn))
    .map((s) => `${s.op} ${s.urn.split("::").pop()}`);
}

/** How many of the program's resources the engine refreshed. */
function refreshed(outcome: StepOutcome): number {
  return outcome.action!.steps.filter((s) => s.op === "refresh" && !/pulumi:pulumi:Stack|pulumi:providers:/.test(s.urn)).length;
}

/** Requests that change something at NCP. */
function writes(site: Site, since = 0): string[] {
  return site.emulator.requests.slice(since).filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`);
}

/** After any run: one live key, and the service group holds it. */
function expectOneKeyHeld(site: Site): string {
  const live = site.emulator.state.liveKeys(subAccountId);
  expect(live).toHaveLength(1);
  expect(site.emulator.state.serviceGroups.get(serviceGroupNo)?.accessKeyId).toBe(live[0].accessKey);
  return live[0].accessKey;
}

test("the workflow: which jobs each event runs", () => {
  const workflow = readWorkflow(path.join(exampleDir, ".github", "workflows", "pulumi.yml"));
  const main = "refs/heads/main";
  expect(jobsFor(workflow, { event_name: "pull_request", ref: "refs/pull/7/merge" })).toEqual(["preview"]);
  expect(jobsFor(workflow, { event_name: "push", ref: main })).toEqual(["up"]);
  expect(jobsFor(workflow, { event_name: "push", ref: "refs/heads/feature" })).toEqual([]);
  expect(jobsFor(workflow, { event_name: "schedule", ref: main })).toEqual(["up"]);
  expect(jobsFor(workflow, { event_name: "workflow_dispatch", ref: main })).toEqual(["up"]);
  // Daily: minute and hour fixed, every day of every month, any weekday.
  expect(workflow.on.schedule).toEqual([{ cron: expect.stringMatching(/^\d{1,2} \d{1,2} \* \* \*$/) }]);
  // The stack the operator runs, by the same fully qualified name.
  const manifest = fs.readFileSync(path.join(exampleDir, "stack.yaml"), "utf8");
  expect(workflow.env.STACK).toMatch(/^[^/]+\/gitops-key-rotation\/dev$/);
  expect(manifest).toContain(`stack: ${workflow.env.STACK}\n`);
});

describe("in a copy of this repository, the example an npm workspace", () => {
  let site: Site;
  const workDir = path.join(clone, "examples", "gitops");
  beforeAll(async () => {
    copyRepository(clone);
    // The workflow as the README says, at the root's .github/workflows/, WORK_DIR as shipped.
    fs.mkdirSync(path.join(clone, ".github", "workflows"), { recursive: true });
    fs.copyFileSync(path.join(workDir, ".github", "workflows", "pulumi.yml"), path.join(clone, ".github", "workflows", "pulumi.yml"));
    site = await openSite(clone);
  });
  afterAll(() => site?.close());

  test("a pull request: npm ci, the build of the checkout, then preview, which changes nothing at NCP", async () => {
    expect(fs.existsSync(path.join(clone, "dist"))).toBe(false);
    const created = await site.shell(`pulumi stack init ${STACK}`, workDir);
    expect(created.exitCode === 0 ? "created" : created.output).toBe("created");
    const run = await site.on("pull_request");
    expect(run.jobs).toEqual(["preview"]);
    expectAllPassed(run.steps);
    expect(run.steps.map((s) => s.step)).toEqual([
      "actions/checkout@v4",
      "actions/setup-node@v4",
      "Install",
      "Build pulumi-ncloud-keys if it is an unbuilt checkout",
      "pulumi/actions@v6",
    ]);
    // npm ci in the workspace linked the checkout, unbuilt; the build step built it.
    expect(fs.realpathSync(path.join(clone, "node_modules", "pulumi-ncloud-keys"))).toBe(fs.realpathSync(clone));
    expect(fs.existsSync(path.join(clone, "dist", "provider", "index.js"))).toBe(true);
    expect(step(run.steps, "pulumi/actions").action!.changes).toEqual({ create: 3 });
    // None: the audit waits for the stack's key, which a new stack's preview does not make.
    expect(site.emulator.requests.map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  test("npm pack in this copy makes the tarball, by the README's first block", async () => {
    // Its `npm ci` is the one the workflow's Install step just ran in this copy (the same root
    // lock file), and the build `npm pack` runs first (prepack: `npm run build`) is the one the
    // workflow's build step just ran: a second install of the whole repository or a second
    // compile of the same sources would prove nothing more, so npm pack runs without its scripts.
    // tests/packaging/packContents.test.ts holds prepack to `npm run build`.
    const [pack] = readmeShellBlocks(readme, "### Use it in your own repository");
    expect(pack).toMatch(/^npm ci && npm pack /);
    expect(fs.realpathSync(path.join(clone, "node_modules", "pulumi-ncloud-keys"))).toBe(fs.realpathSync(clone));
    expect(fs.existsSync(path.join(clone, "dist", "provider", "index.js"))).toBe(true);
    const packed = await runCommands(pack.replace(/^npm ci && npm pack /, "npm pack --ignore-scripts "), clone);
    expect(packed.exitCode === 0 ? "packed" : packed.output).toBe("packed");
    // The copy-out reads the clone's example as checked out: this layout's stack writes its salt
    // into this one, so the tarball goes to a fresh copy.
    copyRepository(packClone);
    const tarballs = fs.readdirSync(clone).filter((f) => f.endsWith(".tgz"));
    expect(tarballs).toEqual(["pulumi-ncloud-keys-0.1.0.tgz"]);
    fs.renameSync(path.join(clone, tarballs[0]), path.join(packClone, tarballs[0]));
    userRepoMade = copyOut(packClone).catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))));
  });

  // The up job (a push) is not replayed in this layout, as it would prove nothing more: its
  // install and build are the preview job's, replayed above (the replay refuses a job that
  // prepares differently, checked when the copied-out layout replays both); the preview above
  // loaded the program, and the provider's handlers in the engine's provider host, from this
  // layout; `up --refresh` and the audit step run in the copied-out layout below; and every stack
  // of the end-to-end suite (tests/e2e/harness.ts) creates keys through this repository's
  // workspace link.
});

describe("copied out into a new repository by the README's commands, the package from a tarball", () => {
  let site: Site;
  const workDir = path.join(userRepo, "infra");
  const upRun = () => site.on("schedule");

  beforeAll(async () => {
    const made = await userRepoMade;
    if (!made) throw new Error("no tarball: the first layout's pack test did not run or failed");
    if (made instanceof Error) throw made;
    site = made;
  });

  test("the folder installs the tarball, pinned by its lock file, and needs no build", async () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(workDir, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    expect(manifest.dependencies["pulumi-ncloud-keys"]).toBe("file:vendor/pulumi-ncloud-keys-0.1.0.tgz");
    const lock = JSON.parse(fs.readFileSync(path.join(workDir, "package-lock.json"), "utf8")) as { packages: Record<string, { resolved?: string; integrity?: string }> };
    expect(lock.packages["node_modules/pulumi-ncloud-keys"]).toMatchObject({ resolved: "file:vendor/pulumi-ncloud-keys-0.1.0.tgz", integrity: expect.stringMatching(/^sha512-/) });

    const run = await site.on("pull_request");
    expectAllPassed(run.steps);
    // npm ci installed from the lock; the package came built, so the build step did nothing.
    expect(step(run.steps, "Build pulumi-ncloud-keys").output).toBe("");
    expect(fs.existsSync(path.join(workDir, "node_modules", "pulumi-ncloud-keys", "dist", "provider", "index.js"))).toBe(true);
    const preview = step(run.steps, "pulumi/actions").action!;
    expect(preview.changes).toEqual({ create: 3 });
    // The program ran on the folder's own @pulumi/pulumi, not this repository's.
    const ownSdk = JSON.parse(fs.readFileSync(path.join(workDir, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8")) as { version: string };
    expect(preview.pulumiSdkVersion).toBe(ownSdk.version);
    expect(writes(site)).toEqual([]);
  });

  let created = "";
  test("up creates the key, due rotationDays (90, Pulumi.yaml's default) after NCP created it", async () => {
    const run = await site.on("push");
    expectAllPassed(run.steps);
    const up = step(run.steps, "pulumi/actions").action!;
    expect(up.changes).toEqual({ create: 3 });
    const held = expectOneKeyHeld(site);
    created = site.emulator.state.liveKeys(subAccountId)[0].createTime;
    expect(up.outputs.accessKey).toBe(held);
    expect(Date.parse(String(up.outputs.rotatesAt)) - Date.parse(created)).toBe(90 * DAY);
    expect(up.outputs).toMatchObject({ untrackedOldKeys: [], overdueKeys: [], keySecret: "[secret]" });
  });

  test("the schedule the next day: not due, every resource refreshed and none changed; a key the stack does not hold, made 200 days ago, fails the audit step, named", async () => {
    const nextDay = Date.now() + DAY;
    const forgotten = "NCPFORGOTTENKEY00001";
    const longAgo = new Date(nextDay - 200 * DAY).toISOString().replace(/\.\d+Z$/, "Z");
    site.emulator.state.subAccounts.get(subAccountId)!.keys.set(forgotten, { accessKey: forgotten, keySecret: "unused", active: false, createTime: longAgo });
    site.setClock(nextDay);
    const run = await upRun();
    site.setClock(undefined);
    site.emulator.state.subAccounts.get(subAccountId)!.keys.delete(forgotten);
    const up = step(run.steps, "pulumi/actions");
    expect(up.exitCode === 0 ? "up" : up.output).toBe("up");
    expect(refreshed(up)).toBe(2);
    expect(changes(up)).toEqual(["same search-snapshots", "same search-snapshots"]);
    expect(up.action!.outputs.untrackedOldKeys).toEqual([`${forgotten} (200 days)`]);
    expect(up.action!.outputs.overdueKeys).toEqual([`${forgotten} (200 days old, rotationDays 90)`]);
    const audit = step(run.steps, "Fail on keys");
    expect(audit.exitCode).toBe(1);
    expect(audit.output).toContain(`::error::Sub account keys older than maxKeyAgeDays that this stack does not hold: [\n  "${forgotten} (200 days)"\n]`);
    expect(audit.output).toContain("::error::Keys two days or more past their rotation date");
  });

  test("the schedule 90 days on: the key is replaced, the service group switched before the old key is deleted", async () => {
    const before = site.emulator.requests.length;
    site.setClock(Date.parse(created) + 90 * DAY);
    const run = await upRun();
    site.setClock(undefined);
    expectAllPassed(run.steps);
    const up = step(run.steps, "pulumi/actions");
    expect(changes(up)).toEqual(["create-replacement search-snapshots", "replace search-snapshots", "update search-snapshots", "delete-replaced search-snapshots"]);
    expect(writes(site, before)).toEqual([
      `POST /api/v1/sub-accounts/${subAccountId}/access-keys`,
      `POST /api/v2/snapshot/updateAPIAuthenticationKey/${serviceGroupNo}`,
      `DELETE /api/v1/sub-accounts/${subAccountId}/access-keys`,
    ]);
    expect(expectOneKeyHeld(site)).toBe(up.action!.outputs.accessKey);
    // Stamped at NCP's "now", so the new key is next due 90 days on.
    expect(Date.parse(String(up.action!.outputs.rotatesAt)) - Date.parse(created)).toBe(180 * DAY);
    // The key it replaced was exactly due: not overdue, and the audit step passes.
    expect(up.action!.outputs.overdueKeys).toEqual([]);
  });

  test("a missed schedule: check-rotation.sh sees it from the state, and the run that catches up reports the late key", async () => {
    // The last rotation, by a one-line pull request to Pulumi.dev.yaml, was 95 days ago; no run since.
    const configFile = path.join(workDir, "Pulumi.dev.yaml");
    const config = fs.readFileSync(configFile, "utf8");
    expect(config).toMatch(/^ {2}gitops-key-rotation:rotation: "2026-06"$/m);
    fs.writeFileSync(configFile, config.replace(/^( {2}gitops-key-rotation:rotation: )"2026-06"$/m, '$1"2026-07"'));
    site.setClock(Date.now() - 95 * DAY);
    const rotated = await site.on("push");
    site.setClock(undefined);
    expectAllPassed(rotated.steps);
    expect(changes(step(rotated.steps, "pulumi/actions"))).toContain("replace search-snapshots");
    const stale = expectOneKeyHeld(site);

    // From outside the schedule: the state's rotatesAt is 5 days past.
    const check = "./check-rotation.sh my-org/gitops-key-rotation/dev".replace("my-org/", "organization/");
    expect(readme).toContain("./check-rotation.sh my-org/gitops-key-rotation/dev");
    const missed = await site.shell(check, workDir);
    expect(missed.exitCode).toBe(1);
    expect(missed.output).toMatch(/OVERDUE: the key of organization\/gitops-key-rotation\/dev was due for rotation at \S+, 5 days ago/);

    // The schedule resumes (or someone runs the workflow by hand): the key rotates, and the audit
    // step fails once, naming the key that was used 5 days past its date.
    const resumed = await site.on("workflow_dispatch");
    const up = step(resumed.steps, "pulumi/actions").action!;
    expect(up.outputs.overdueKeys).toEqual([`${stale} (95 days old, rotationDays 90)`]);
    expect(step(resumed.steps, "Fail on keys").exitCode).toBe(1);
    expect(expectOneKeyHeld(site)).toBe(up.outputs.accessKey);
    expect(await site.shell(check, workDir)).toMatchObject({ exitCode: 0 });
  });

  test("the state holds every secret as ciphertext, and no key secret in plaintext anywhere", () => {
    const checkpoint = readCheckpoint(site.backendDir, PROJECT, "dev");
    expect(secretValues(checkpoint).notCiphertext).toEqual([]);
    const secrets = [...site.emulator.state.subAccounts.get(subAccountId)!.keys.values()].map((k) => k.keySecret);
    expect(secrets.length).toBeGreaterThan(0);
    expect(plaintextUnder(site.backendDir, secrets)).toEqual([]);
  });
});
