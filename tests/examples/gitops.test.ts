import * as fs from "node:fs";
import * as path from "node:path";
import { TEST_CLOCK_VARIABLE } from "../../provider/handlers/rotation";
import { exampleRun, repoRoot, SERVICE_GROUP, SUB_ACCOUNT, type ExampleRun } from "./exampleRun";

const gitops = path.join(repoRoot, "examples", "gitops");
const read = (file: string): string => fs.readFileSync(path.join(gitops, file), "utf8");

describe("examples/gitops", () => {
  let run: ExampleRun;
  // NCP's clock: real time, or the instant the test-only rotation clock says it is, so a key
  // created "90 days later" is stamped then. The gateway still checks the signer's real timestamps.
  let injectedNow: number | undefined;
  beforeAll(async () => {
    run = await exampleRun(
      "gitops",
      { subAccountId: SUB_ACCOUNT, serviceGroupInstanceNo: SERVICE_GROUP, rotation: "2026-06" },
      { now: () => injectedNow ?? Date.now(), gatewayNow: Date.now },
    );
  });
  afterAll(() => run.close());

  test("its program is the key-rotation program", () => {
    expect(read("index.ts")).toBe(fs.readFileSync(path.join(repoRoot, "examples", "key-rotation", "index.ts"), "utf8"));
  });

  test("the program runs: up, rotate, destroy", async () => {
    const first = await run.up();
    const second = await run.up({ rotation: "2026-07" });
    expect(run.emulator.state.liveKeys(SUB_ACCOUNT).map((k) => k.accessKey)).toEqual([second.outputs.accessKey]);
    expect(second.outputs.accessKey).not.toBe(first.outputs.accessKey);
    expect(run.emulator.state.serviceGroups.get(SERVICE_GROUP)?.accessKeyId).toBe(second.outputs.accessKey);
    await run.destroy();
    expect(run.emulator.state.liveKeys(SUB_ACCOUNT)).toEqual([]);
  });

  test("a scheduled up rotates the key once it is rotationDays old, with no gap, and the audit flags only untracked old keys", async () => {
    const config = { rotationDays: "90", maxKeyAgeDays: "100" };
    // A key someone made by hand 200 days ago (NCP's clock), which the stack does not hold.
    const forgotten = "NCPFORGOTTENKEY00001";
    const longAgo = new Date(Date.now() - 200 * 86_400_000).toISOString().replace(/\.\d+Z$/, "Z");
    run.emulator.state.subAccounts.get(SUB_ACCOUNT)!.keys.set(forgotten, { accessKey: forgotten, keySecret: "unused", active: false, createTime: longAgo });

    const first = await run.up(config);
    const created = run.emulator.state.liveKeys(SUB_ACCOUNT).find((k) => k.accessKey === first.outputs.accessKey)!.createTime;
    expect(Date.parse(String(first.outputs.rotatesAt)) - Date.parse(created)).toBe(90 * 86_400_000);
    expect(first.outputs.untrackedOldKeys).toEqual([`${forgotten} (200 days)`]);

    // The daily schedule the next day: not due, nothing changes.
    const nextDay = await run.up(config, { [TEST_CLOCK_VARIABLE]: new Date(Date.now() + 86_400_000).toISOString() });
    expect(nextDay.steps.map((s) => s.op)).toEqual(["same", "same"]);

    // 90 days later: the key is due and replaced, the service group switched before the old key is deleted.
    const firstRequest = run.emulator.requests.length;
    injectedNow = Date.parse(created) + 90 * 86_400_000;
    const later = await run.up(config, { [TEST_CLOCK_VARIABLE]: new Date(injectedNow).toISOString() });
    injectedNow = undefined;
    expect(later.steps.map((s) => s.op)).toEqual(["replace", "update", "delete-replaced"]);
    const writes = run.emulator.requests.slice(firstRequest).filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`);
    expect(writes).toEqual([
      `POST /api/v1/sub-accounts/${SUB_ACCOUNT}/access-keys`,
      `POST /api/v2/snapshot/updateAPIAuthenticationKey/${SERVICE_GROUP}`,
      `DELETE /api/v1/sub-accounts/${SUB_ACCOUNT}/access-keys`,
    ]);
    expect(later.outputs.accessKey).not.toBe(first.outputs.accessKey);
    // Stamped at the injected "now", so the new key is not due again at once.
    expect(Date.parse(String(later.outputs.rotatesAt)) - Date.parse(created)).toBe(2 * 90 * 86_400_000);
    expect(run.emulator.state.serviceGroups.get(SERVICE_GROUP)?.accessKeyId).toBe(later.outputs.accessKey);
    expect(run.emulator.state.liveKeys(SUB_ACCOUNT).map((k) => k.accessKey).sort()).toEqual([forgotten, later.outputs.accessKey].sort());
    run.emulator.state.subAccounts.get(SUB_ACCOUNT)!.keys.delete(forgotten);
    await run.destroy();
  });

  test("the workflow previews pull requests, runs up on main and on a daily schedule, then fails on untracked old keys", () => {
    const workflow = read(".github/workflows/pulumi.yml");
    expect(workflow).toMatch(/uses: pulumi\/actions@v6[\s\S]*command: preview/);
    expect(workflow).toContain("if: github.event_name == 'pull_request'");
    // Daily: minute and hour fixed, every day of every month, any weekday.
    expect(workflow).toMatch(/^on:[\s\S]*^ {2}schedule:\n(?: *#.*\n)* {4}- cron: "\d{1,2} \d{1,2} \* \* \*"$/m);
    expect(workflow).toContain("if: (github.event_name == 'push' && github.ref == 'refs/heads/main') || github.event_name == 'schedule'");
    const upJob = workflow.slice(workflow.indexOf("\n  up:\n"));
    const upStep = upJob.search(/uses: pulumi\/actions@v6\n\s+with:\n\s+command: up/);
    const auditStep = upJob.indexOf("pulumi stack output untrackedOldKeys --json");
    expect(upStep).toBeGreaterThan(0);
    expect(auditStep).toBeGreaterThan(upStep);
    expect(upJob.slice(auditStep)).toContain("exit 1");
    for (const name of ["PULUMI_ACCESS_TOKEN", "NCLOUD_ACCESS_KEY", "NCLOUD_SECRET_KEY"]) {
      expect(workflow).toContain(`${name}: \${{ secrets.${name} }}`);
    }
  });

  test("the operator Stack takes its credentials from a Kubernetes Secret and re-runs daily to rotate by age", () => {
    const stack = read("stack.yaml");
    expect(stack).toMatch(/^apiVersion: pulumi\.com\/v1$/m);
    expect(stack).toMatch(/^kind: Stack$/m);
    for (const name of ["PULUMI_ACCESS_TOKEN", "NCLOUD_ACCESS_KEY", "NCLOUD_SECRET_KEY"]) {
      expect(stack).toMatch(new RegExp(`${name}:\\n\\s+type: Secret\\n\\s+secret:\\n\\s+name: ncloud-credentials`));
    }
    const resync = Number(/^ {2}resyncFrequencySeconds: (\d+)$/m.exec(stack)?.[1]);
    expect(resync).toBeGreaterThan(0);
    expect(resync).toBeLessThanOrEqual(86400);
    expect(Number(/^ {4}rotationDays: "(\d+)"$/m.exec(stack)?.[1])).toBeGreaterThanOrEqual(1);
    expect(read("README.md")).toContain("resyncFrequencySeconds");
  });
});
