import type { z } from "zod";
import { NcloudError, type ServiceName } from "../errors/errors";
import { safeServerText } from "../errors/serverText";

/**
 * Checking a response body against its schema. A shape we do not expect becomes an NcloudError
 * naming the field path (`accessKey: expected string`), never a crash three calls later. The
 * message names fields and expected types only, never received values (which may be secrets).
 */
type Issue = z.core.$ZodIssue;

function describe(issue: Issue): string {
  const path = issue.path.length > 0 ? issue.path.map(String).join(".") : "(body)";
  if (issue.code === "invalid_type") return `${path}: expected ${issue.expected}`;
  return `${path}: ${issue.message}`;
}

export function parseResponse<T>(
  schema: z.ZodType<T>,
  body: unknown,
  where: { service: ServiceName; operation: string; method: string; status?: number; requestId?: string },
): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  // A path can hold a key of the answer (a record's key): server text like any other.
  const fields = safeServerText(parsed.error.issues.slice(0, 5).map(describe).join("; "));
  return failShape(fields, where);
}

function failShape(
  fields: string,
  where: { service: ServiceName; operation: string; method: string; status?: number; requestId?: string },
): never {
  throw new NcloudError(`unexpected response from ${where.operation}: ${fields}`, {
    status: where.status,
    code: "UnexpectedResponse",
    service: where.service,
    operation: where.operation,
    requestId: where.requestId,
    // A POST that answered 2xx did happen; only its answer is unreadable.
    outcomeUnknown: where.method === "POST",
  });
}

/** A 2xx body as JSON; an empty body is undefined; `ok: false` when it is not JSON at all. */
export function parseSuccessBody(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === "") return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}
