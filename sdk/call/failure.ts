import { blamesTimestamp, parseErrorBody } from "../errors/errorBody";
import { NcloudError, type ServiceName } from "../errors/errors";
import { fixFor, timeoutFix } from "../errors/fixes";
import { describeOffset } from "./clockSkew";
import { type Exchange, TIMEOUT_BEFORE_SENDING } from "./exchange";
import { type Decision, type HttpMethod, mayHaveBeenApplied } from "./retry";
import { redact, redactAndShorten, redactField } from "../errors/redact";

/**
 * Turning a failed attempt into an NcloudError with a message that says what to do. Every
 * message passes through redact() with the secrets of the request, so a server that echoes a
 * body cannot make us print a key.
 */
export interface FailureContext {
  service: ServiceName;
  operation: string;
  origin: string;
  attempts: number;
  timeoutMs: number;
  secrets: readonly string[];
  retryable: boolean;
  outcomeUnknown: boolean;
}

/** Ends text with a full stop, unless it already has one (NCP's messages often do). */
function sentence(text: string): string {
  return text.endsWith(".") ? text : `${text}.`;
}

function attemptsNote(attempts: number): string {
  return attempts > 1 ? ` after ${attempts} attempts` : "";
}

/** Longest text quoted from an answer (a message, details, a code) into an error. */
export const MAX_QUOTE = 200;

function quote(value: string | undefined, secrets: readonly string[]): string | undefined {
  return value === undefined || value === "" ? undefined : redactAndShorten(value, secrets, MAX_QUOTE);
}

export function responseFailure(
  ctx: FailureContext,
  status: number,
  bodyText: string,
  requestIdHeader: string | undefined,
  extra?: string,
): NcloudError {
  const body = parseErrorBody(bodyText);
  const code = quote(body.code, ctx.secrets);
  const codePart = code !== undefined ? `, NCP code ${code}` : "";
  const what = [quote(body.message, ctx.secrets), quote(body.details, ctx.secrets)].filter(Boolean).join(": ") || "no error message";
  const fix = fixFor({ status, code: body.code, operation: ctx.operation, timestamp: blamesTimestamp(body) });
  const unknown = ctx.outcomeUnknown
    ? " NCP may or may not have carried it out: check before retrying (list what exists)."
    : "";
  const note = quote(extra, ctx.secrets);
  const message =
    sentence(`${ctx.operation} failed (${status}${codePart})${attemptsNote(ctx.attempts)}: ${what}`) +
    `${note ? ` ${sentence(note)}` : ""}${unknown}${fix ? ` Fix: ${fix}` : ""}`;
  return new NcloudError(redact(message, ctx.secrets), {
    status,
    code,
    service: ctx.service,
    operation: ctx.operation,
    requestId: quote(body.requestId ?? requestIdHeader, ctx.secrets),
    retryable: ctx.retryable,
    outcomeUnknown: ctx.outcomeUnknown,
  });
}

const TIMEOUT_CODES = new Set(["ETIMEDOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "UND_ERR_CONNECT_TIMEOUT"]);

export function networkFailure(ctx: FailureContext, code: string, cause: unknown): NcloudError {
  let what: string;
  let fix: string;
  if (code === TIMEOUT_BEFORE_SENDING) {
    what = `timed out before the request was sent, waiting for a free socket or a connection to ${ctx.origin} (${code})`;
    fix = `${timeoutFix(ctx.timeoutMs)}; with many calls at once, raise maxSocketsPerOrigin (ncloud:maxSocketsPerOrigin / NCLOUD_MAX_SOCKETS_PER_ORIGIN)`;
  } else if (TIMEOUT_CODES.has(code)) {
    what = `timed out (${code})`;
    fix = timeoutFix(ctx.timeoutMs);
  } else if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN") {
    what = `could not connect to ${ctx.origin} (${code})`;
    fix = "check the endpoint (endpoint / NCLOUD_API_URL / site) and the network";
  } else if (proxyRefusal(cause) !== undefined) {
    // undici reports a proxy that refuses the CONNECT tunnel as an aborted request; say which it was.
    const status = proxyRefusal(cause);
    what = `the proxy refused the tunnel to ${ctx.origin} (${status})`;
    fix =
      status === 407
        ? "the proxy wants credentials: give them in HTTPS_PROXY / HTTP_PROXY (http://user:password@proxy:port), or pass a dispatcher"
        : "check the proxy (HTTPS_PROXY / HTTP_PROXY) and NO_PROXY";
  } else {
    what = `the connection failed (${code})`;
    fix = "check the network path to NCP and retry";
  }
  const unknown = ctx.outcomeUnknown
    ? " The request may have reached NCP, which may or may not have carried it out: check before retrying (list what exists)."
    : "";
  const message = `${ctx.operation} failed${attemptsNote(ctx.attempts)}: ${what}.${unknown} Fix: ${fix}`;
  return new NcloudError(redact(message, ctx.secrets), {
    code,
    service: ctx.service,
    operation: ctx.operation,
    retryable: ctx.retryable,
    outcomeUnknown: ctx.outcomeUnknown,
    cause,
  });
}

/** The status a proxy answered a CONNECT with, from undici's "Proxy response (407) !== 200 when HTTP Tunneling". */
function proxyRefusal(cause: unknown): number | undefined {
  const match = cause instanceof Error ? /^Proxy response \((\d{3})\)/.exec(cause.message) : null;
  return match ? Number(match[1]) : undefined;
}

/**
 * A 2xx whose body is not JSON, after the transport gave up asking again. What NCP did depends on
 * the method: a GET changed nothing, a POST did happen, a PUT or DELETE may have.
 */
export function unreadableAnswer(
  ctx: { service: ServiceName; operation: string; method: string; attempts: number; secrets: readonly string[] },
  status: number,
  traceId: string | undefined,
): NcloudError {
  const carriedOut =
    ctx.method === "GET"
      ? ""
      : ctx.method === "POST"
        ? " NCP carried it out, but its answer was lost: check before retrying (list what exists)."
        : " NCP may or may not have carried it out: refresh or list before relying on it.";
  return new NcloudError(
    redact(
      `unexpected response from ${ctx.operation}${attemptsNote(ctx.attempts)}: the ${status} body is not JSON.${carriedOut} ` +
        `Fix: retry later; if it persists, check that the endpoint (NCLOUD_API_URL / ncloud:apiUrl) is NCP's API Gateway.`,
      ctx.secrets,
    ),
    {
      status,
      code: "UnexpectedResponse",
      service: ctx.service,
      operation: ctx.operation,
      requestId: redactField(traceId, ctx.secrets),
      outcomeUnknown: ctx.method !== "GET",
    },
  );
}

/**
 * A 3xx. Never followed: the signed request and the API key would go wherever Location points,
 * and a DELETE or PUT "answered" by a redirect has not been carried out. Names only the
 * Location's origin (its path or query could carry anything).
 */
export function redirectFailure(ctx: FailureContext, status: number, location: string | undefined): NcloudError {
  let where = "no Location";
  if (location !== undefined) {
    try {
      where = `Location ${new URL(location, ctx.origin).origin}`;
    } catch {
      where = "an unreadable Location";
    }
  }
  const message =
    `${ctx.operation} failed (${status}): the endpoint answered with a redirect to ${where}, which is not followed; ` +
    `nothing was carried out. Fix: point endpoint / ncloud:apiUrl / NCLOUD_API_URL (or the proxy) at NCP's API Gateway over https directly`;
  return new NcloudError(redact(message, ctx.secrets), {
    status,
    code: "Redirect",
    service: ctx.service,
    operation: ctx.operation,
    outcomeUnknown: ctx.outcomeUnknown,
  });
}

/** An answer larger than maxResponseBytes: reading stopped at the cap. */
export function tooLargeFailure(ctx: FailureContext, status: number, maxResponseBytes: number): NcloudError {
  const unknown = ctx.outcomeUnknown
    ? " NCP may or may not have carried it out: check before retrying (list what exists)."
    : "";
  const message =
    `${ctx.operation} failed (${status}): the answer is larger than maxResponseBytes=${maxResponseBytes} bytes and was not read.${unknown} ` +
    "Fix: check that the endpoint is NCP's API Gateway; raise maxResponseBytes / ncloud:maxResponseBytes only if it is";
  return new NcloudError(message, {
    status,
    code: "ResponseTooLarge",
    service: ctx.service,
    operation: ctx.operation,
    outcomeUnknown: ctx.outcomeUnknown,
  });
}

/** A 401 whose Date says our clock is off by more than clockSkew.ts accepts: nothing is re-signed. */
export function clockTooFarOff(service: ServiceName, operation: string, offsetMs: number): NcloudError {
  return new NcloudError(
    `${operation} failed (401): NCP refused the request timestamp, and this machine's clock is ${describeOffset(offsetMs)} ` +
      "(from the answer's Date), more than the 15 minutes the SDK corrects by itself. " +
      "Fix: synchronise the machine clock (NTP, e.g. `timedatectl set-ntp true` or `chronyc makestep`), then retry",
    { status: 401, code: "ClockSkew", service, operation },
  );
}

/**
 * The error for the last attempt of a call, once retry.ts said to give up. `earlierMayHaveApplied`:
 * an earlier attempt of the same call lost its answer in a way that may have been carried out.
 */
export function attemptFailure(
  call: { service: ServiceName; operation: string; method: HttpMethod; origin: string; attempts: number; secrets: readonly string[] },
  limits: { timeoutMs: number; maxResponseBytes: number },
  result: Exchange,
  decision: Decision,
  earlierMayHaveApplied = false,
): NcloudError {
  // A PUT or DELETE that ran out of attempts after a lost answer (this one or an earlier one) may
  // have been applied too; so may anything whose 2xx answer could not be read.
  const answered = result.kind !== "network" && result.status >= 200 && result.status < 300;
  const outcome = result.kind === "network" ? result : { kind: "response" as const, status: result.status };
  const outcomeUnknown =
    decision === "outcomeUnknown" || (call.method !== "GET" && (earlierMayHaveApplied || mayHaveBeenApplied(outcome) || answered));
  const ctx: FailureContext = { ...call, timeoutMs: limits.timeoutMs, retryable: decision === "retry", outcomeUnknown };
  if (result.kind === "network") return networkFailure(ctx, result.code, result.error);
  if (result.kind === "tooLarge") return tooLargeFailure(ctx, result.status, limits.maxResponseBytes);
  if (result.status >= 300 && result.status < 400) return redirectFailure(ctx, result.status, result.header("location"));
  const retryAfter = result.header("retry-after");
  const extra = retryAfter !== undefined && decision === "retry" ? `NCP asked to retry after ${retryAfter}` : undefined;
  return responseFailure(ctx, result.status, result.text, result.header("x-ncp-trace-id"), extra);
}
