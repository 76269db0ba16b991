/**
 * Stack config as `pulumi config` holds it: full keys (`project:key`, `ncloud:accessKey`), some
 * of them secret. The program reads it through `new pulumi.Config()`, the provider host through
 * Configure (only the `ncloud:*` keys, as the engine sends a provider its package's config).
 */
import * as fs from "node:fs";
import * as path from "node:path";

export interface StackConfig {
  /** Full key → value. */
  values: Record<string, string>;
  /** Full keys whose values are secret. */
  secretKeys: string[];
}

/** Qualifies bare keys (`rotation` → `<project>:rotation`). */
export function stackConfig(project: string, values: Record<string, string>, secretKeys: string[] = []): StackConfig {
  const full = (key: string): string => (key.includes(":") ? key : `${project}:${key}`);
  return {
    values: Object.fromEntries(Object.entries(values).map(([k, v]) => [full(k), v])),
    secretKeys: secretKeys.map(full),
  };
}

/** The `ncloud:*` part: what the dynamic-provider host's Configure gets. */
export function providerConfig(config: StackConfig): { values: Record<string, string>; secretKeys: string[] } {
  const values = Object.fromEntries(Object.entries(config.values).filter(([k]) => k.startsWith("ncloud:")));
  return { values, secretKeys: config.secretKeys.filter((k) => k in values) };
}

/** The project name from `Pulumi.yaml` in the program's directory (its `name:` line). */
export function projectName(programDir: string): string {
  const dir = fs.statSync(programDir).isDirectory() ? programDir : path.dirname(programDir);
  const yaml = fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8");
  const match = /^name:\s*(\S+)\s*$/m.exec(yaml);
  if (!match?.[1]) throw new Error(`no name: in ${path.join(dir, "Pulumi.yaml")}`);
  return match[1];
}
