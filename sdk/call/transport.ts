import { performance } from "node:perf_hooks";
import { inspect } from "node:util";
import { learnClockOffset, offsetTooLarge } from "./clockSkew";
import { type AttemptLog, attemptLine } from "./debug";
import { Dispatchers } from "./dispatcher";
import { parseErrorBody } from "../errors/errorBody";
import type { NcloudError } from "../errors/errors";
import { type Exchange, exchange } from "./exchange";
import { attemptFailure, clockTooFarOff, unreadableAnswer } from "./failure";
import { KnownSecrets } from "../errors/knownSecrets";
import { redactField } from "../errors/redact";
import { parseSuccessBody } from "./response";
import {
  type AttemptOutcome,
  type Decision,
  backoffDelay,
  classify,
  isAlreadyGone,
  isIdempotent,
  mayHaveBeenApplied,
  nextDelay,
  parseRetryAfter,
} from "./retry";
import { NotLoopbackError } from "./destination";
import { SendChecks, refuseNotLoopback } from "./sendPolicy";
import { ServerClock } from "./serverClock";
import { HEADER_SIGNATURE, HEADER_TIMESTAMP, signedHeaders } from "../signer";
import type { ApiRequest, ApiResponse, TransportOptions } from "./request";

export { ATTEMPT_TIMEOUT } from "./exchange";
export type { ApiRequest, ApiResponse, TransportOptions } from "./request";

function outcomeOf(result: Exchange): AttemptOutcome {
  return result.kind === "network" ? result : { kind: "response", status: result.status };
}

/**
 * The call: sign each attempt afresh, send it (exchange.ts, the only I/O), and ask the pure
 * retry.ts what to do with the outcome.
 *
 * Why our own retry loop and not undici's RetryAgent / retry interceptor: NCP signs the
 * timestamp into every request, and the interceptor resends the same headers, so a retry after a
 * backoff carries a stale signature (and cannot pick up a learned clock offset). Here every
 * attempt is signed afresh.
 */
export class Transport {
  readonly #options: TransportOptions;
  readonly #dispatchers: Dispatchers;
  /** Server clock minus local clock, learned from a 401 about the timestamp (clockSkew.ts). */
  #clockOffsetMs = 0;
  /** NCP's time as its answers' `Date` headers tell it (serverClock.ts). */
  readonly serverClock: ServerClock;
  /** Control characters and plain http, refused before sending (sendPolicy.ts). */
  readonly #checks = new SendChecks();
  /** Every secret this client sent, was answered with or was told of: scrubbed from all it says (knownSecrets.ts). */
  readonly #secrets = new KnownSecrets();

  constructor(options: TransportOptions) {
    this.#options = options;
    this.#dispatchers = new Dispatchers(options.dispatcher, options.config, options.timeoutMs);
    this.serverClock = new ServerClock(options.now);
  }

  /** See Dispatchers.sendsOnlyToLoopback. */
  sendsOnlyToLoopback(origin: string): boolean {
    return this.#dispatchers.sendsOnlyToLoopback(origin);
  }

  get clockOffsetMs(): number {
    return this.#clockOffsetMs;
  }

  /** Values every later error and request id of this client is scrubbed of (NcloudClient.rememberSecrets). */
  rememberSecrets(values: readonly unknown[]): void {
    this.#secrets.add(...values);
  }

  /** Every secret this client knows: its settings' and each it has handled. */
  knownSecrets(): string[] {
    return [...this.#options.config.knownSecrets(), ...this.#secrets.values()];
  }

  async send(request: ApiRequest): Promise<ApiResponse> {
    const { config, maxAttempts, now } = this.#options;
    const credentials = await config.credentialsForCall(request.operation);
    this.#checks.refuse(request.operation, credentials, request.apiKey, request.origin, config, this.#dispatchers.ownConnections);
    this.#secrets.add(credentials.secretKey, request.apiKey, ...(request.secrets ?? []));
    this.#secrets.addFieldsOf(request.body);
    // Each attempt's signature and timestamp: an echo of either is replayable.
    const signed: string[] = [];
    // Every secret the client knows and this call's signatures, for scrubbing text that leaves the
    // SDK. Built only when such text is made (a failure, a request id), not on every call: with the
    // debug timing below and the checks made once, ~3 µs a call (tests/bench/README.md).
    const secrets = (): string[] => [...this.knownSecrets(), ...signed];
    const payload = request.body === undefined ? undefined : JSON.stringify(request.body);
    let clockRetried = false;
    let attempt = 0;
    /** Throttled attempts given back to the call: they count in messages, not against maxAttempts. */
    let throttled = 0;
    /**
     * Whether an earlier attempt of this call may have been carried out: a DELETE that now finds
     * its target gone succeeded, and a PUT or DELETE that gives up cannot say nothing happened.
     */
    let earlierMayHaveApplied = false;
    for (;;) {
      const timestamp = now() + this.#clockOffsetMs;
      const headers: Record<string, string> = {
        ...signedHeaders({ method: request.method, pathAndQuery: request.path, timestamp, ...credentials, apiKey: request.apiKey }),
        accept: "application/json",
        // STS documents it as required on every request, GET included (issue 8).
        "content-type": "application/json",
      };
      signed.push(headers[HEADER_SIGNATURE], headers[HEADER_TIMESTAMP]);
      // Timing only for the debug sink: with none, the call reads no performance clock.
      const started = this.#options.debug ? performance.now() : 0;
      const sentAt = now();
      const result = await exchange(
        this.#dispatchers.for(request.origin, request.operation),
        { origin: request.origin, path: request.path, method: request.method, headers, body: payload },
        { timeoutMs: this.#options.timeoutMs, maxResponseBytes: this.#options.maxResponseBytes },
      );
      // A plain-http name that resolved off loopback: refused at connect, nothing sent, bad input.
      if (result.kind === "network" && result.error instanceof NotLoopbackError) throw refuseNotLoopback(request.operation, request.origin, result.error);
      if (result.kind !== "network") this.serverClock.observe(result.header("date"), sentAt, now());
      attempt += 1;
      if (this.#options.debug) {
        this.#log({
          method: request.method,
          path: request.path,
          status: result.kind === "network" ? result.code : result.status,
          attempt,
          maxAttempts,
          ms: performance.now() - started,
        });
      }

      if (result.kind === "tooLarge") throw this.#failure(request, result, secrets(), attempt + throttled, "fail", earlierMayHaveApplied);

      if (result.kind === "response" && result.status >= 200 && result.status < 300) {
        const body = parseSuccessBody(result.text);
        if (body.ok) {
          // A new key's keySecret, STS credentials: NCP may quote them back in a later answer.
          this.#secrets.addFieldsOf(body.value);
          const traceId = result.header("x-ncp-trace-id");
          return { status: result.status, body: body.value, requestId: traceId === undefined ? undefined : redactField(traceId, secrets()) };
        }
        // An unreadable 2xx: GET, PUT and DELETE converge when repeated, so ask again; a POST is
        // never repeated (it did happen, only its answer is lost).
        if (isIdempotent(request.method) && attempt < maxAttempts) {
          earlierMayHaveApplied = true;
          await this.#options.sleep(backoffDelay(attempt - 1, this.#backoff(), this.#options.random));
          continue;
        }
        throw unreadableAnswer(
          { service: request.service, operation: request.operation, method: request.method, attempts: attempt, secrets: secrets() },
          result.status,
          result.header("x-ncp-trace-id"),
        );
      }

      if (result.kind === "response" && earlierMayHaveApplied && isAlreadyGone(request.method, result.status, parseErrorBody(result.text).code)) {
        // An earlier attempt of this DELETE may have applied and lost its answer: gone is what was asked.
        return { status: result.status, body: undefined };
      }

      if (result.kind === "response" && result.status === 401 && !clockRetried) {
        const offset = learnClockOffset(401, result.header("date"), now(), parseErrorBody(result.text));
        if (offset !== undefined && offsetTooLarge(offset)) throw clockTooFarOff(request.service, request.operation, offset);
        if (offset !== undefined) {
          // A clock fix is not a failure of the service: it does not use up an attempt.
          this.#clockOffsetMs = offset;
          clockRetried = true;
          attempt -= 1;
          continue;
        }
      }

      const outcome = outcomeOf(result);
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
        earlierMayHaveApplied ||= mayHaveBeenApplied(outcome);
        const delay = nextDelay(Math.max(0, attempt - 1), retryAfterMs, this.#backoff(), this.#options.random);
        if (delay !== undefined) {
          await this.#options.sleep(delay);
          continue;
        }
      }
      throw this.#failure(request, result, secrets(), attempt + throttled, decision, earlierMayHaveApplied);
    }
  }

  async close(): Promise<void> {
    await this.#dispatchers.close();
  }

  #failure(request: ApiRequest, result: Exchange, secrets: readonly string[], attempts: number, decision: Decision, earlierMayHaveApplied: boolean): NcloudError {
    return attemptFailure(
      { service: request.service, operation: request.operation, method: request.method, origin: request.origin, attempts, secrets },
      { timeoutMs: this.#options.timeoutMs, maxResponseBytes: this.#options.maxResponseBytes },
      result,
      decision,
      earlierMayHaveApplied,
    );
  }

  #backoff(): { baseMs: number; capMs: number } {
    return { baseMs: this.#options.retryBaseMs, capMs: this.#options.retryCapMs };
  }

  #log(entry: AttemptLog): void {
    this.#options.debug?.(attemptLine(entry));
  }

  toJSON(): Record<string, unknown> {
    const { timeoutMs, maxAttempts, retryBaseMs, retryCapMs, maxResponseBytes } = this.#options;
    return { timeoutMs, maxAttempts, retryBaseMs, retryCapMs, maxResponseBytes, clockOffsetMs: this.#clockOffsetMs };
  }

  [inspect.custom](): string {
    return `Transport ${inspect(this.toJSON())}`;
  }
}
