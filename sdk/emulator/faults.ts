import type { FaultRule } from "./types";

/**
 * Where a fault strikes. `gateway` faults (status, latency, drop) happen in front of the API, as a
 * gateway or the network would, before authentication. `service` faults (commitThenDrop,
 * malformed, truncated) happen after the operation ran, so the state has changed.
 */
export type FaultPhase = "gateway" | "service";

const PHASE: Record<FaultRule["kind"], FaultPhase> = {
  status: "gateway",
  latency: "gateway",
  drop: "gateway",
  redirect: "gateway",
  echo: "gateway",
  commitThenDrop: "service",
  malformed: "service",
  truncated: "service",
  commitThenStatus: "service",
};

/** The status a rule answers with when it has one; undefined for kinds that answer normally or not at all. */
export function faultStatus(rule: FaultRule): number | undefined {
  const defaults: Partial<Record<FaultRule["kind"], number>> = { status: 500, echo: 500, redirect: 307, commitThenStatus: 503 };
  return rule.status ?? defaults[rule.kind];
}

interface ActiveRule {
  rule: FaultRule;
  /** Requests still to strike; Infinity when the rule has no `times`. */
  remaining: number;
}

/** The fault rules in force, in the order added; the first rule that matches a request wins. */
export class FaultRules {
  private rules: ActiveRule[] = [];

  add(rule: FaultRule): void {
    if (rule.kind === "status" && (rule.status === undefined || rule.status < 100 || rule.status > 599)) {
      throw new TypeError("A status fault needs a status between 100 and 599");
    }
    if (rule.kind === "redirect" && rule.status !== undefined && (rule.status < 300 || rule.status > 399)) {
      throw new TypeError("A redirect fault needs a 3xx status");
    }
    if ((rule.kind === "echo" || rule.kind === "commitThenStatus") && rule.status !== undefined && (rule.status < 200 || rule.status > 599)) {
      throw new TypeError(`A ${rule.kind} fault needs a status between 200 and 599`);
    }
    if (rule.kind === "commitThenStatus" && rule.delayMs !== undefined && !(rule.delayMs >= 0)) {
      throw new TypeError("A commitThenStatus fault's delayMs must be >= 0");
    }
    if (rule.kind === "latency" && !(typeof rule.delayMs === "number" && rule.delayMs >= 0)) {
      throw new TypeError("A latency fault needs delayMs >= 0");
    }
    // A copy, so the caller's object is not mutated and later edits to it do not leak in.
    this.rules.push({ rule: { ...rule }, remaining: rule.times ?? Infinity });
  }

  clear(): void {
    this.rules = [];
  }

  /** The first rule of this phase matching the request, counted as used; undefined when none. */
  take(phase: FaultPhase, method: string, path: string): FaultRule | undefined {
    const index = this.rules.findIndex((r) => PHASE[r.rule.kind] === phase && matches(r.rule, method, path));
    if (index < 0) return undefined;
    const active = this.rules[index];
    active.remaining -= 1;
    if (active.remaining <= 0) this.rules.splice(index, 1);
    return active.rule;
  }
}

/** Method case-insensitively; path exactly, by prefix when it ends in `*`, or by RegExp. */
export function matches(rule: FaultRule, method: string, path: string): boolean {
  if (rule.method !== undefined && rule.method.toUpperCase() !== method.toUpperCase()) return false;
  if (rule.path === undefined) return true;
  if (rule.path instanceof RegExp) {
    rule.path.lastIndex = 0; // a /g or /y RegExp keeps state between test() calls
    return rule.path.test(path);
  }
  return rule.path.endsWith("*") ? path.startsWith(rule.path.slice(0, -1)) : path === rule.path;
}

/**
 * The API Gateway quota: at most `perSecond` requests admitted in any sliding 1 s window.
 * Rejected requests do not count against the window. Takes a monotonic clock reading, not the
 * (skewable) server clock.
 */
export class RateLimiter {
  private admitted: number[] = [];

  constructor(private perSecond?: number) {}

  set(perSecond: number | undefined): void {
    this.perSecond = perSecond;
    this.admitted = [];
  }

  admit(monotonicMs: number): boolean {
    if (this.perSecond === undefined) return true;
    while (this.admitted.length > 0 && this.admitted[0] <= monotonicMs - 1000) this.admitted.shift();
    if (this.admitted.length >= this.perSecond) return false;
    this.admitted.push(monotonicMs);
    return true;
  }
}
