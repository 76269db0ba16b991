import * as fs from "node:fs";
import * as path from "node:path";
import { exampleRun, repoRoot, SERVICE_GROUP, SUB_ACCOUNT, type ExampleRun } from "./exampleRun";

const gitops = path.join(repoRoot, "examples", "gitops");
const read = (file: string): string => fs.readFileSync(path.join(gitops, file), "utf8");

describe("examples/gitops", () => {
  let run: ExampleRun;
  beforeAll(async () => {
    run = await exampleRun("gitops", { subAccountId: SUB_ACCOUNT, serviceGroupInstanceNo: SERVICE_GROUP, rotation: "2026-06" });
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

  test("the workflow previews pull requests and runs up on main with Pulumi's action and repository secrets", () => {
    const workflow = read(".github/workflows/pulumi.yml");
    expect(workflow).toMatch(/uses: pulumi\/actions@v6[\s\S]*command: preview/);
    expect(workflow).toMatch(/uses: pulumi\/actions@v6[\s\S]*command: up/);
    expect(workflow).toContain("if: github.event_name == 'pull_request'");
    expect(workflow).toContain("if: github.event_name == 'push' && github.ref == 'refs/heads/main'");
    for (const name of ["PULUMI_ACCESS_TOKEN", "NCLOUD_ACCESS_KEY", "NCLOUD_SECRET_KEY"]) {
      expect(workflow).toContain(`${name}: \${{ secrets.${name} }}`);
    }
  });

  test("the operator Stack takes its credentials from a Kubernetes Secret", () => {
    const stack = read("stack.yaml");
    expect(stack).toMatch(/^apiVersion: pulumi\.com\/v1$/m);
    expect(stack).toMatch(/^kind: Stack$/m);
    for (const name of ["PULUMI_ACCESS_TOKEN", "NCLOUD_ACCESS_KEY", "NCLOUD_SECRET_KEY"]) {
      expect(stack).toMatch(new RegExp(`${name}:\\n\\s+type: Secret\\n\\s+secret:\\n\\s+name: ncloud-credentials`));
    }
  });
});
