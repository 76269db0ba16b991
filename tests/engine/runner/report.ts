/**
 * What the runner prints: one line per resource, like `pulumi up`'s, the stack outputs with
 * secrets masked, and a summary line. Nothing secret is ever formatted here.
 */
import { isSecret, type WireObject, type WireValue } from "../wireValues";
import type { Operation, Step } from "./deployment";

const symbols: Record<Operation, string> = {
  create: "+ create ",
  update: "~ update ",
  replace: "+- replace",
  same: "= unchanged",
  delete: "- delete ",
  "delete-replaced": "- delete ",
};

/** `+ create    ncloud:SubAccountAccessKey  rotating-key  (id AK…)`; the type without the dynamic prefix. */
export function formatStep(step: Step): string {
  const type = step.type.replace(/^pulumi-nodejs:dynamic\//, "");
  const changed = step.changed ? ` [${step.op === "replace" ? "replaces" : "changes"}: ${step.changed.join(", ")}]` : "";
  const replaced = step.op === "delete-replaced" ? " (the replaced one)" : "";
  return `    ${symbols[step.op].padEnd(11)} ${type}  ${step.name}  (id ${step.id})${changed}${replaced}`;
}

/** Counts per operation: `Resources: 1 created, 0 updated, 1 replaced, 0 deleted, 1 unchanged`. */
export function summarize(steps: Step[]): string {
  const count = (op: Operation): number => steps.filter((s) => s.op === op).length;
  return `Resources: ${count("create")} created, ${count("update")} updated, ${count("replace")} replaced, ${count("delete")} deleted, ${count("same")} unchanged`;
}

/** The stack outputs, one per line, secrets as `[secret]`. */
export function formatOutputs(outputs: WireObject): string[] {
  const keys = Object.keys(outputs);
  if (keys.length === 0) return [];
  return ["Outputs:", ...keys.map((key) => `    ${key}: ${mask(outputs[key] as WireValue)}`)];
}

function mask(v: WireValue): string {
  return isSecret(v) ? "[secret]" : JSON.stringify(hideSecrets(v));
}

function hideSecrets(v: WireValue): WireValue {
  if (isSecret(v)) return "[secret]";
  if (Array.isArray(v)) return v.map(hideSecrets);
  if (typeof v === "object" && v !== null) return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, hideSecrets(item)]));
  return v;
}
