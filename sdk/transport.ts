import { performance } from "node:perf_hooks";
import { inspect } from "node:util";
import { Agent } from "undici";
import { learnClockOffset } from "./clockSkew";
import type { NcloudConfig } from "./config";
import { type AttemptLog, type DebugSink, attemptLine } from "./debug";
import { parseErrorBody } from "./errorBody";
import { NcloudError, type ServiceName } from "./errors";
import { type FailureContext, networkFailure, responseFailure, unreadableAnswer } from "./failure";
import { redactField } from "./redact";
import { parseSuccessBody } from "./response";
import {
  type AttemptOutcome,
  type HttpMethod,
  backoffDelay,
  classify,
  errorCode,
  isIdempotent,
  mayHaveBeenApplied,
  nextDelay,
  parseRetryAfter,
} from "./retry";
import { ServerClock } from "./serverClock";
import { signedHeaders } from "./signer";

/**
 * The only module that does I/O. One keep-alive undici Agent per client.
 *
 * Why our own retry loop and not undici's RetryAgent / retry interceptor: NCP signs the
 * timestamp into every request, and the interceptor resends the same headers, so a retry after a
 * backoff carries a stale signature (and cannot pick up a learned clock offset). Here every
 * attempt is signed afresh. The decisions themselves are pure functions in retry.ts.
 */
export interface TransportOptions {
  config: NcloudConfig;
  timeoutMs: number;
  maxAttempts: number;
  /** Throttled answers (429 with a Retry-After) per call that do not count toward maxAttempts. */
  maxThrottledAttempts: number;
  retryBaseMs: number;
  retryCapMs: number;
  now: () => number;
  random: () => number;
  sleep: (ms: number) => Promise<void>;
  debug?: DebugSink;
}

export interface ApiRequest {
  service: ServiceName;
  operation: string;
  method: HttpMethod;
  /** `scheme://host`. */
  origin: string;
  /** Path and query exactly as sent and signed, ids already URL-encoded. */
  path: string;
  body?: unknown;
  /** Adds the x-ncp-apigw-api-key header (NSML). */
  apiKey?: string;
  /** Secret values in this request's body, scrubbed from any error text. */
  secrets?: readonly string[];
}

export interface ApiResponse {
  status: number;
  /** Parsed JSON body; undefined for an empty body. */
  body: unknown;
  requestId?: string;
}

type Attempt =
  | { kind: "response"; status: number; text: string; header: (name: string) => string | undefined }
  | { kind: "network"; code: string; error: unknown };

/** Our code for an attempt cut off by the timeoutMs deadline. */
export const ATTEMPT_TIMEOUT = "ETIMEDOUT";

/** Deadlines shorter than this get a precise timer of their own (see #attempt). */
const PRECISE_DEADLINE_BELOW_MS = 2000;

export class Transport {
  readonly #options: TransportOptions;
  readonly #agent: Agent;
  /** Server clock minus local clock, learned from a 401 about the timestamp (clockSkew.ts). */
  #clockOffsetMs = 0;
  /** NCP's time as its answers' `Date` headers tell it (serverClock.ts). */
  readonly serverClock: ServerClock;

  constructor(options: TransportOptions) {
    this.#options = options;
    this.serverClock = new ServerClock(options.now);
    this.#agent = new Agent({
      connect: { timeout: options.timeoutMs },
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
  }

  get clockOffsetMs(): number {
    return this.#clockOffsetMs;
  }

  async send(request: ApiRequest): Promise<ApiResponse> {
    const { config, maxAttempts, now } = this.#options;
    const credentials = config.credentials(request.operation);
    const secrets = [...(request.secrets ?? []), ...config.knownSecrets(), credentials.secretKey];
    let clockRetried = false;
    let attempt = 0;
    /** Throttled attempts given back to the call: they count in messages, not against maxAttempts. */
    let throttled = 0;
    for (;;) {
      const timestamp = now() + this.#clockOffsetMs;
      const headers: Record<string, string> = {
        ...signedHeaders({ method: request.method, pathAndQuery: request.path, timestamp, ...credentials, apiKey: request.apiKey }),
        accept: "application/json",
      };
      let payload: string | undefined;
      if (request.body !== undefined) {
        payload = JSON.stringify(request.body);
        headers["content-type"] = "application/json";
      }
      const started = performance.now();
      const sentAt = now();
      const result = await this.#attempt(request, headers, payload);
      if (result.kind === "response") this.serverClock.observe(result.header("date"), sentAt, now());
      attempt += 1;
      this.#log({
        method: request.method,
        path: request.path,
        status: result.kind === "response" ? result.status : result.code,
        attempt,
        maxAttempts,
        ms: performance.now() - started,
      });

      if (result.kind === "response" && result.status < 400) {
        const body = parseSuccessBody(result.text);
        if (body.ok) return { status: result.status, body: body.value, requestId: redactField(result.header("x-ncp-trace-id"), secrets) };
        // An unreadable 2xx: GET, PUT and DELETE converge when repeated, so ask again; a POST is
        // never repeated (it did happen, only its answer is lost).
        if (isIdempotent(request.method) && attempt < maxAttempts) {
          await this.#options.sleep(backoffDelay(attempt - 1, this.#backoff(), this.#options.random));
          continue;
        }
        throw unreadableAnswer(
          { service: request.service, operation: request.operation, method: request.method, attempts: attempt, secrets },
          result.status,
          result.header("x-ncp-trace-id"),
        );
      }

      if (result.kind === "response" && result.status === 401 && !clockRetried) {
        const offset = learnClockOffset(401, result.header("date"), now(), parseErrorBody(result.text));
        if (offset !== undefined) {
          // A clock fix is not a failure of the service: it does not use up an attempt.
          this.#clockOffsetMs = offset;
          clockRetried = true;
          attempt -= 1;
          continue;
        }
      }

      const outcome: AttemptOutcome = result.kind === "response" ? { kind: "response", status: result.status } : result;
      const decision = classify(request.method, outcome);
      const retryAfterMs =
        result.kind === "response" ? parseRetryAfter(result.header("retry-after"), now() + this.#clockOffsetMs) : undefined;
      // NCP said when to come back: under a rate limit the service is fine, only busy, so waiting
      // as asked does not use up an attempt (a large `pulumi up` would fail otherwise). A separate
      // budget still bounds the call.
      const throttledRetry =
        decision === "retry" && result.kind === "response" && result.status === 429 && retryAfterMs !== undefined &&
        throttled < this.#options.maxThrottledAttempts;
      if (throttledRetry) {
        throttled += 1;
        attempt -= 1;
      }
      if (decision === "retry" && attempt < maxAttempts) {
        const delay = nextDelay(Math.max(0, attempt - 1), retryAfterMs, this.#backoff(), this.#options.random);
        if (delay !== undefined) {
          await this.#options.sleep(delay);
          continue;
        }
      }
      throw this.#failure(request, result, secrets, attempt + throttled, decision);
    }
  }

  async close(): Promise<void> {
    await this.#agent.close();
  }

  async #attempt(request: ApiRequest, headers: Record<string, string>, payload: string | undefined): Promise<Attempt> {
    // The Agent enforces connect, headers and body timeouts itself, on undici's fast timers: cheap,
    // but with about one second of resolution. Only a short deadline needs a precise abort of our
    // own; it is not the default because an abort signal costs undici ~40 µs per request.
    const deadline = this.#options.timeoutMs < PRECISE_DEADLINE_BELOW_MS ? new AbortController() : undefined;
    const timer = deadline && setTimeout(() => deadline.abort(), this.#options.timeoutMs);
    try {
      const res = await this.#agent.request({
        origin: request.origin,
        path: request.path,
        method: request.method,
        headers,
        body: payload,
        signal: deadline?.signal,
      });
      const text = await res.body.text();
      const header = (name: string): string | undefined => {
        const value = res.headers[name];
        return Array.isArray(value) ? value[0] : value;
      };
      return { kind: "response", status: res.statusCode, text, header };
    } catch (error) {
      return { kind: "network", code: deadline?.signal.aborted ? ATTEMPT_TIMEOUT : errorCode(error), error };
    } finally {
      clearTimeout(timer);
    }
  }

  #failure(request: ApiRequest, result: Attempt, secrets: readonly string[], attempts: number, decision: string): NcloudError {
    // A PUT or DELETE that ran out of attempts after a lost answer may have been applied too.
    const outcome: AttemptOutcome = result.kind === "response" ? { kind: "response", status: result.status } : result;
    const outcomeUnknown = decision === "outcomeUnknown" || (request.method !== "GET" && mayHaveBeenApplied(outcome));
    const ctx: FailureContext = {
      service: request.service,
      operation: request.operation,
      origin: request.origin,
      attempts,
      timeoutMs: this.#options.timeoutMs,
      secrets,
      retryable: decision === "retry",
      outcomeUnknown,
    };
    if (result.kind === "network") return networkFailure(ctx, result.code, result.error);
    const retryAfter = result.header("retry-after");
    const extra = retryAfter !== undefined && decision === "retry" ? `NCP asked to retry after ${retryAfter}` : undefined;
    return responseFailure(ctx, result.status, result.text, result.header("x-ncp-trace-id"), extra);
  }

  #backoff(): { baseMs: number; capMs: number } {
    return { baseMs: this.#options.retryBaseMs, capMs: this.#options.retryCapMs };
  }

  #log(entry: AttemptLog): void {
    this.#options.debug?.(attemptLine(entry));
  }

  toJSON(): Record<string, unknown> {
    const { timeoutMs, maxAttempts, retryBaseMs, retryCapMs } = this.#options;
    return { timeoutMs, maxAttempts, retryBaseMs, retryCapMs, clockOffsetMs: this.#clockOffsetMs };
  }

  [inspect.custom](): string {
    return `Transport ${inspect(this.toJSON())}`;
  }
}
