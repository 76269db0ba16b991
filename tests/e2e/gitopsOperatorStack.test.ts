/**
 * examples/gitops/stack.yaml against the Pulumi Kubernetes Operator's v2 API. No cluster runs
 * here, so the manifest is parsed and held to what the operator defines and requires, read from
 * its source at v2.9.0 (github.com/pulumi/pulumi-kubernetes-operator, commit b713fae):
 * operator/api/pulumi/shared/stack_types.go (StackSpec, GitSource, ResourceRef),
 * deploy/crds/pulumi.com_stacks.yaml (required `stack`, a name of at most 42 characters),
 * agent/pkg/server/server.go (spec.config is set on the stack, over Pulumi.<stack>.yaml), and
 * examples/git-source/stack.yaml (the ServiceAccount and its system:auth-delegator binding
 * shipped beside the Stack).
 * A field the CRD does not define is dropped by the API server without an error, so a misspelt
 * one (say `continueResyncOnCommitMatch`) would silently turn a feature off: every field is checked.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { exampleDir } from "./gitops/layouts";
import { readWorkflow } from "./gitops/workflow";
import { parseYaml, parseYamlDocuments } from "./gitops/yaml";

/** The JSON names of StackSpec's fields, GitSource's inlined ones included, at v2.9.0. */
const STACK_SPEC_FIELDS = new Set([
  ...["accessTokenSecret", "envs", "envRefs", "envSecrets", "backend", "stack", "config", "secrets", "configRef", "secretsRef"],
  ...["secretsProvider", "fluxSource", "programRef", "targets", "targetDependents", "prerequisites", "continueResyncOnCommitMatch"],
  ...["refresh", "expectNoRefreshChanges", "destroyOnFinalize", "runProgram", "retryOnUpdateConflict", "useLocalStackOnly"],
  ...["resyncFrequencySeconds", "serviceAccountName", "workspaceTemplate", "workspaceReclaimPolicy", "environment", "updateTemplate"],
  ...["retryMaxBackoffDurationSeconds", "preview"],
  // GitSource
  ...["projectRepo", "gitAuthSecret", "gitAuth", "repoDir", "commit", "branch", "shallow"],
]);
/** ResourceRef's `type` (ResourceSelectorType). */
const SELECTOR_TYPES = ["Env", "FS", "Secret", "Literal"];

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
}
interface StackObject extends K8sObject {
  spec: Record<string, unknown> & {
    stack: string;
    serviceAccountName?: string;
    envRefs?: Record<string, { type: string; secret?: Record<string, string> }>;
    config?: Record<string, unknown>;
  };
}
interface BindingObject extends K8sObject {
  roleRef: { apiGroup: string; kind: string; name: string };
  subjects: { kind: string; name: string; namespace?: string }[];
}

const documents = parseYamlDocuments(fs.readFileSync(path.join(exampleDir, "stack.yaml"), "utf8")) as K8sObject[];
const stack = documents.find((d) => d.kind === "Stack") as StackObject;
const serviceAccount = documents.find((d) => d.kind === "ServiceAccount")!;
const binding = documents.find((d) => d.kind === "ClusterRoleBinding") as BindingObject;
const spec = stack.spec;

test("the file holds a ServiceAccount, its ClusterRoleBinding and a pulumi.com/v1 Stack", () => {
  expect(documents.map((d) => `${d.apiVersion} ${d.kind}`)).toEqual(["v1 ServiceAccount", "rbac.authorization.k8s.io/v1 ClusterRoleBinding", "pulumi.com/v1 Stack"]);
  expect(stack.metadata.name.length).toBeLessThanOrEqual(42);
});

test("every field of the Stack's spec is one the operator defines", () => {
  expect(Object.keys(spec).filter((field) => !STACK_SPEC_FIELDS.has(field))).toEqual([]);
});

test("the stack: fully qualified, the project's own name, the same as the workflow's STACK", () => {
  const project = (parseYaml(fs.readFileSync(path.join(exampleDir, "Pulumi.yaml"), "utf8")) as { name: string }).name;
  expect(spec.stack).toMatch(new RegExp(`^[^/]+/${project}/[^/]+$`));
  expect(spec.stack).toBe(readWorkflow(path.join(exampleDir, ".github", "workflows", "pulumi.yml")).env.STACK);
});

test("a git source: a repository, exactly one of branch and commit, the project's directory", () => {
  expect(spec.projectRepo).toMatch(/^https:\/\//);
  expect([spec.branch, spec.commit].filter((v) => v !== undefined)).toHaveLength(1);
  expect(spec.branch).toBe("refs/heads/main");
  expect(spec.repoDir).toBe(readWorkflow(path.join(exampleDir, ".github", "workflows", "pulumi.yml")).env.WORK_DIR);
});

test("it re-runs up at an unchanged commit, at least daily, with a refresh, and never destroys the keys", () => {
  // Without continueResyncOnCommitMatch the operator never re-runs a commit it has applied: no rotation by age.
  expect(spec.continueResyncOnCommitMatch).toBe(true);
  // Also the branch-polling interval; below 60 is taken as 60.
  expect(Number.isInteger(spec.resyncFrequencySeconds)).toBe(true);
  expect(spec.resyncFrequencySeconds).toBeGreaterThanOrEqual(60);
  expect(spec.resyncFrequencySeconds).toBeLessThanOrEqual(86_400);
  expect(spec.refresh).toBe(true);
  expect(spec.destroyOnFinalize).toBe(false);
});

test("the workspace runs as the file's ServiceAccount, bound to system:auth-delegator, in the Stack's namespace", () => {
  const namespace = stack.metadata.namespace;
  expect(namespace).toBeTruthy();
  expect(spec.serviceAccountName).toBe(serviceAccount.metadata.name);
  expect(serviceAccount.metadata.namespace).toBe(namespace);
  expect(binding.roleRef).toEqual({ apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "system:auth-delegator" });
  expect(binding.subjects).toEqual([{ kind: "ServiceAccount", name: serviceAccount.metadata.name, namespace }]);
});

test("the credentials come from one Secret in the Stack's namespace", () => {
  expect(Object.keys(spec.envRefs ?? {}).sort()).toEqual(["NCLOUD_ACCESS_KEY", "NCLOUD_SECRET_KEY", "PULUMI_ACCESS_TOKEN"]);
  for (const ref of Object.values(spec.envRefs ?? {})) {
    expect(SELECTOR_TYPES).toContain(ref.type);
    expect(ref.type).toBe("Secret");
    // SecretSelector: name and key required; a namespace is refused unless the operator's namespace isolation is off.
    expect(Object.keys(ref.secret ?? {}).sort()).toEqual(["key", "name"]);
    expect(ref.secret!.name).toBe("ncloud-credentials");
  }
});

test("spec.config overrides none of Pulumi.<stack>.yaml, so a rotation pull request there takes effect", () => {
  const stackFile = path.join(exampleDir, `Pulumi.${spec.stack.split("/").pop()}.yaml`);
  const committed = (parseYaml(fs.readFileSync(stackFile, "utf8")) as { config: Record<string, unknown> }).config;
  expect(Object.keys(committed)).toContain("gitops-key-rotation:rotation");
  const project = spec.stack.split("/")[1];
  const overridden = Object.keys(spec.config ?? {}).map((key) => (key.includes(":") ? key : `${project}:${key}`));
  expect(overridden.filter((key) => key in committed)).toEqual([]);
});

test("the README says no cluster runs here and which test stands in for one", () => {
  const readme = fs.readFileSync(path.join(exampleDir, "README.md"), "utf8");
  expect(readme).toContain("No cluster runs in this repository's tests: `tests/e2e/gitopsOperatorStack.test.ts`");
  expect(readme).toContain("continueResyncOnCommitMatch: true");
  expect(readme).toMatch(/resyncFrequencySeconds` is also how often the operator polls the branch/);
});
