/**
 * The retry strategy, as pure functions: which outcomes are worth another attempt, how long to
 * wait, and what a Retry-After header asks for. The transport owns the loop; randomness and the
 * clock come in as parameters so tests are deterministic.
 */
export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

export type AttemptOutcome =
  | { kind: "response"; status: number }
  /** No response: `code` is the Node or undici error code (ECONNREFUSED, UND_ERR_HEADERS_TIMEOUT, ...). */
  | { kind: "network"; code: string };

/** retry: send again. fail: give up, the outcome is known. outcomeUnknown: give up, it may have happened. */
export type Decision = "retry" | "fail" | "outcomeUnknown";

export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/**
 * Network errors raised before a single byte of the request left the machine: the server cannot
 * have acted on it, so even a POST may be sent again.
 */
const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "UND_ERR_CONNECT_TIMEOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
]);

/**
 * PUT (set active) and DELETE on these APIs converge to the same state when repeated, so they
 * are retried like GET. POST creates something (an access key, STS credentials, an NSML key).
 */
export function isIdempotent(method: HttpMethod): boolean {
  return method !== "POST";
}

export function certainlyNotSent(code: string): boolean {
  return NOT_SENT_CODES.has(code);
}

export function classify(method: HttpMethod, outcome: AttemptOutcome): Decision {
  if (outcome.kind === "network") {
    if (certainlyNotSent(outcome.code) || isIdempotent(method)) return "retry";
    return "outcomeUnknown";
  }
  if (!RETRYABLE_STATUSES.has(outcome.status)) return "fail";
  if (isIdempotent(method)) return "retry";
  // NCP's API Gateway answers 429 (quota) and 503 before the request reaches the backend, so a
  // POST refused that way never ran. A 500/502/504 may come after the backend acted.
  if (outcome.status === 429 || outcome.status === 503) return "retry";
  return "outcomeUnknown";
}

export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}

/** Full jitter: uniform in [0, min(cap, base * 2^attempt)). `attempt` counts from 0. */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

/** Retry-After as milliseconds from now: delta-seconds or an HTTP date. Undefined when absent or unreadable. */
export function parseRetryAfter(header: string | undefined, nowMs: number): number | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/**
 * How long to wait before the next attempt: the server's Retry-After when it gave one (never
 * less than the jittered backoff), else the backoff. Undefined means "do not wait that long":
 * a Retry-After beyond capMs would stall a deployment, so the caller gives up and reports it.
 */
export function nextDelay(
  attempt: number,
  retryAfterMs: number | undefined,
  options: BackoffOptions,
  random: () => number,
): number | undefined {
  const backoff = backoffDelay(attempt, options, random);
  if (retryAfterMs === undefined) return backoff;
  if (retryAfterMs > options.capMs) return undefined;
  return Math.max(retryAfterMs, backoff);
}

/** undici and Node put the code in different places (AggregateError for multi-address connects). */
export function errorCode(error: unknown): string {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (typeof current === "object" && current !== null && !seen.has(current)) {
    seen.add(current);
    const rec = current as { code?: unknown; cause?: unknown; errors?: unknown[] };
    if (typeof rec.code === "string" && rec.code !== "UND_ERR") return rec.code;
    current = rec.cause ?? (Array.isArray(rec.errors) ? rec.errors[0] : undefined);
  }
  return "ECONNECTION";
}

/** The request left the machine and its answer, if any, does not prove NCP did nothing. */
export function mayHaveBeenApplied(outcome: AttemptOutcome): boolean {
  if (outcome.kind === "network") return !certainlyNotSent(outcome.code);
  return outcome.status === 500 || outcome.status === 502 || outcome.status === 504;
}
