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
  // exchange.ts TIMEOUT_BEFORE_SENDING: the deadline passed while the request waited for a socket.
  "ETIMEDOUT_BEFORE_SENDING",
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
  // A redirect is never followed nor retried: the request did not reach NCP's API, and following
  // it would send the signed request (and API key) wherever the Location points.
  if (outcome.status >= 300 && outcome.status < 400) return "fail";
  if (!RETRYABLE_STATUSES.has(outcome.status)) return "fail";
  if (isIdempotent(method)) return "retry";
  // Only the gateway's own quota refusal (429) is known not to have run. A 503 can come from a
  // proxy after the backend committed (Envoy: "upstream connect error ... before headers"), and a
  // 500/502/504 after the backend acted: a POST repeated then would create a second key.
  if (outcome.status === 429) return "retry";
  return "outcomeUnknown";
}

/**
 * A DELETE whose retry finds the thing already gone: NCP's "no such access key" (400, code 904)
 * or NSML's 404 "Not Found", which carries no code (NSML's status table has no code column,
 * ja:ai-application-service-clovansml); a 404 with the gateway's code 300 is a wrong path, not
 * a deleted key. Only meaningful when an earlier attempt of the same call may have applied it.
 */
export function isAlreadyGone(method: HttpMethod, status: number, code: string | undefined): boolean {
  if (method !== "DELETE") return false;
  return (status === 400 && code === "904") || (status === 404 && (code === undefined || code === "404"));
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

/** An IMF-fixdate, the only HTTP date form we accept (RFC 9110 5.6.7), e.g. `Sun, 06 Nov 1994 08:49:37 GMT`. */
const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/**
 * Retry-After as milliseconds from now (RFC 9110 10.2.3): a non-negative whole number of seconds
 * or a future HTTP date. Anything else (`-1`, `1.5`, a past date, garbage) is undefined: the
 * caller falls back to ordinary backoff rather than a zero-wait retry that does not count.
 */
export function parseRetryAfter(header: string | undefined, nowMs: number): number | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (/^\d{1,9}$/.test(value)) return Number(value) * 1000;
  if (!HTTP_DATE.test(value)) return undefined;
  const at = Date.parse(value);
  if (Number.isNaN(at) || at <= nowMs) return undefined;
  return at - nowMs;
}

/**
 * How long to wait before the next attempt: the server's Retry-After plus the jittered backoff
 * (so clients throttled together do not all come back at the same instant), else the backoff.
 * Undefined means "do not wait that long": a Retry-After beyond capMs would stall a deployment,
 * so the caller gives up and reports it.
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
  return retryAfterMs + backoff;
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

/**
 * The request left the machine and its answer, if any, does not prove NCP did nothing. Only the
 * gateway's 429 is known not to have run; a 503 can come from a proxy after the backend committed
 * (Envoy: "upstream connect error ... before headers"), and a 500/502/504 after the backend acted.
 */
export function mayHaveBeenApplied(outcome: AttemptOutcome): boolean {
  if (outcome.kind === "network") return !certainlyNotSent(outcome.code);
  return outcome.status === 500 || outcome.status === 502 || outcome.status === 503 || outcome.status === 504;
}

