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

/** A zod object schema: one schema per input, so each input can be checked on its own. */
interface InputsSchema {
  shape: Record<string, z.ZodType>;
}

/**
 * `check()` for one resource: validate the new inputs one by one with a zod object schema's
 * fields and return one failure per bad input, naming it and the fix.
 *
 * A value still unknown during preview (or holding one) passes through unchecked: `pulumi up`
 * checks it again once it is known. Every known value gets its default and its transform even
 * when some other input is unknown, because the diff compares these inputs with the state, which
 * holds normalized values: a raw `region: "sgn"` beside an unknown key (the preview of every
 * rotation) would otherwise look like another region than the state's `SGN`, and the preview
 * would show a replacement that `pulumi up` does not make.
 */
export function checkInputs(schema: InputsSchema, news: Record<string, unknown>): pulumi.dynamic.CheckResult {
  const { __provider: _ignored, ...inputs } = news;
  const normalized: Record<string, unknown> = { ...news };
  // One failure per property: its first problem is the one to fix first.
  const reasons = new Map<string, string>();
  for (const [name, field] of Object.entries(schema.shape)) {
    const value = inputs[name];
    // A transform must not run on Pulumi's marker for an unknown value (upper-casing it, say).
    if (value === UNKNOWN) continue;
    const parsed = field.safeParse(value);
    if (parsed.success) {
      if (!containsUnknown(value) && parsed.data !== undefined) normalized[name] = parsed.data;
      continue;
    }
    for (const issue of parsed.error.issues) {
      const path = [name, ...issue.path];
      const property = path.map(String).join(".");
      if (!isUnderUnknown(inputs, path) && !reasons.has(property)) reasons.set(property, issue.message);
    }
  }
  const failures = [...reasons].map(([property, reason]) => ({ property, reason }));
  return failures.length > 0 ? { inputs: news, failures } : { inputs: normalized };
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
