/**
 * YAML for the tests that read the gitops example's workflow, stack config and operator manifest.
 * js-yaml is already in node_modules (through eslint and @pulumi/pulumi), so no dependency is
 * added for it; this is the one call the tests make, typed here.
 */
const jsYaml = require("js-yaml") as { load(text: string): unknown; loadAll(text: string): unknown[] };

export function parseYaml(text: string): unknown {
  return jsYaml.load(text);
}

/** Every document of a multi-document file (`---` between them). */
export function parseYamlDocuments(text: string): unknown[] {
  return jsYaml.loadAll(text).filter((doc) => doc !== null && doc !== undefined);
}
