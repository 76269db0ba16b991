import type { FaultRule } from "../../sdk/emulator";

/** The request an operation's fault strikes: its one call that matters (a method and an exact path). */
export interface Target {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
}

/**
 * A way NCP or the network misbehaves. `rules` are the emulator fault rules aimed at the target;
 * `skewServerClock` moves the emulator's clock ahead of the provider's by that much first.
 */
export interface Fault {
  rules(target: Target): FaultRule[];
  skewServerClockMs?: number;
  /**
   * NCP answers (and acts) after the client gave up: before observing NCP, wait until the emulator
   * has answered every request of the row, so a late commit lands in its own row, not the next.
   */
  landsLate?: true;
}

const at = (target: Target, rule: Omit<FaultRule, "method" | "path">): FaultRule => ({ ...rule, method: target.method, path: target.path });

/** The provider's per-attempt timeout in the matrix (stack config ncloud:timeoutMs). */
export const MATRIX_TIMEOUT_MS = 300;

/** Ten minutes: twice the gateway's five-minute tolerance, and more than the SDK's 4-minute threshold. */
const SKEW_MS = 10 * 60_000;

/** The fault catalogue. A new fault is one entry here and one row per operation in the matrix. */
export const faults = {
  // Retry-After: 0 is a real Retry-After (RFC 9110 delay-seconds; sdk/call/retry.ts parseRetryAfter):
  // the same throttled retry as any other value, that uses up no attempt, without a second's wait
  // in each of the rows. That the wait is what NCP asks: tests/sdk/resilience.test.ts.
  "429 with Retry-After: 0, once": { rules: (t) => [at(t, { kind: "status", status: 429, retryAfterSec: 0, times: 1 })] },
  "500 once": { rules: (t) => [at(t, { kind: "status", status: 500, times: 1 })] },
  "502 once": { rules: (t) => [at(t, { kind: "status", status: 502, times: 1 })] },
  "503 once": { rules: (t) => [at(t, { kind: "status", status: 503, times: 1 })] },
  "504 once": { rules: (t) => [at(t, { kind: "status", status: 504, times: 1 })] },
  "503 always": { rules: (t) => [at(t, { kind: "status", status: 503 })] },
  "connection reset once": { rules: (t) => [at(t, { kind: "drop", times: 1 })] },
  "slow response under the timeout": { rules: (t) => [at(t, { kind: "latency", delayMs: 150, times: 1 })] },
  // NCP answers (and acts) after the client gave up: the request commits late.
  "response slower than the timeout, once": {
    rules: (t) => [at(t, { kind: "latency", delayMs: MATRIX_TIMEOUT_MS + 200, times: 1 })],
    landsLate: true,
  },
  "malformed JSON body once": { rules: (t) => [at(t, { kind: "malformed", times: 1 })] },
  "truncated JSON body once": { rules: (t) => [at(t, { kind: "truncated", times: 1 })] },
  "401 from clock skew": { rules: () => [], skewServerClockMs: SKEW_MS },
  "commit then drop once": { rules: (t) => [at(t, { kind: "commitThenDrop", times: 1 })] },
  "commit then drop always": { rules: (t) => [at(t, { kind: "commitThenDrop" })] },
  // A proxy in front of NCP loses the upstream answer after NCP committed (Envoy's "upstream
  // connect error ... before headers"): to the client it is a 503 like the gateway's own.
  "commit then 503 once": { rules: (t) => [at(t, { kind: "commitThenStatus", status: 503, times: 1 })] },
  // NCP commits only after the client gave up, then the proxy answers 503 to nobody.
  "commit after the timeout, then 503, once": {
    rules: (t) => [at(t, { kind: "commitThenStatus", status: 503, delayMs: MATRIX_TIMEOUT_MS + 200, times: 1 })],
    landsLate: true,
  },
  // An http endpoint that upgrades to https, or a moved gateway: never followed, nothing done.
  "redirect (307) always": { rules: (t) => [at(t, { kind: "redirect", status: 307 })] },
  // An error page that reflects the request headers (signature, timestamp, API key).
  "400 echoing the request headers, always": { rules: (t) => [at(t, { kind: "echo", status: 400 })] },
} satisfies Record<string, Fault>;

export type FaultName = keyof typeof faults;

/**
 * The emulator's clock as an adjustable offset from the real one. Each skew fault moves it ahead
 * by the skew, or back to real time when it is ahead already, so the provider's client, which
 * keeps the offset it learned from the last 401, is wrong again by the full skew: every
 * clock-skew row sees a fresh 401, in any order. (Never further: the SDK refuses to correct a
 * clock more than 15 minutes off.)
 */
export class ServerClock {
  offsetMs = 0;
  readonly now = (): number => Date.now() + this.offsetMs;

  skew(ms: number): void {
    this.offsetMs = this.offsetMs === 0 ? ms : 0;
  }
}
