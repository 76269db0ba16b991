import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { UNKNOWN } from "./kinds";

/** True when `value` is, or holds, a value Pulumi does not know yet (during preview). */
export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function isUnderUnknown(root: unknown, path: readonly PropertyKey[]): boolean {
  for (let i = 0; i <= path.length; i++) {
    if (valueAt(root, path.slice(0, i)) === UNKNOWN) return true;
  }
  return false;
}

/**
 * `check()` for one resource: validate the new inputs with a zod schema and return one failure per
 * bad property, naming it and the fix. Values still unknown during preview pass through
 * unchecked; `pulumi up` checks them again once they are known.
 */
export function checkInputs<S extends z.ZodType>(schema: S, news: Record<string, unknown>): pulumi.dynamic.CheckResult {
  const { __provider: _ignored, ...inputs } = news;
  const parsed = schema.safeParse(inputs);
  if (parsed.success) {
    return { inputs: containsUnknown(inputs) ? news : { ...news, ...(parsed.data as object) } };
  }
  const failures = propertyFailures(parsed.error.issues.filter((issue) => !isUnderUnknown(inputs, issue.path)), "(inputs)");
  return failures.length > 0 ? { inputs: news, failures } : { inputs: news };
}

/** One failure per property, naming it: its first problem is the one to fix first. */
export function propertyFailures(issues: readonly z.core.$ZodIssue[], whole: string): pulumi.dynamic.CheckFailure[] {
  const reasons = new Map<string, string>();
  for (const issue of issues) {
    const property = issue.path.map(String).join(".") || whole;
    if (!reasons.has(property)) reasons.set(property, issue.message);
  }
  return [...reasons].map(([property, reason]) => ({ property, reason }));
}

/** Removes undefined fields: protobuf Structs cannot carry them. */
export function definedOnly<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Structural equality for the JSON-like values inputs hold. */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}
