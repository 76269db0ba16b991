import type { EmulatorState } from "./state";

/**
 * Where a Search Engine service group lives, by the path prefix that reaches it: `/api/v2` (KR, and
 * the gov and fin sites' main region), `/api/sgn-v2`, `/api/jpn-v2`, and gov's southern `/api/krs-v2`.
 */
export type Region = "KR" | "SGN" | "JPN" | "KRS";

export interface EmulatorOptions {
  /** Port on 127.0.0.1; default 0 (a free port). The host is always loopback. */
  port?: number;
  /** The one key pair the emulator accepts signatures from; random when not given. */
  accessKey?: string;
  secretKey?: string;
  /** The CLOVA NSML API key (`x-ncp-apigw-api-key`); random when not given. */
  apiKey?: string;
  /** Sub account ids that exist; default `["4e066e50-9c3a-11e7-8a66-1e5021fa7c80"]`. */
  subAccounts?: string[];
  /** Search Engine service groups; default `[{serviceGroupInstanceNo: "1531843", region: "KR"}]`. */
  serviceGroups?: Array<{ serviceGroupInstanceNo: string; region?: Region }>;
  /** Active access keys allowed per sub account; default 2, as on NCP. */
  maxActiveKeys?: number;
  /** The server clock in ms since the epoch (create times, `Date` headers); default `Date.now`. Tests skew it. */
  now?: () => number;
  /**
   * The clock the API Gateway checks `x-ncp-apigw-timestamp` against; default `now`. Set apart
   * from `now` (e.g. `Date.now`) to age keys by moving NCP's clock while the caller still signs
   * with its real one, as `npm run demo` does for "90 days later".
   */
  gatewayNow?: () => number;
  /** Fault rules in force from the start. */
  faults?: FaultRule[];
  /** API Gateway quota: more than N requests in any 1 s window are answered 429 with `Retry-After`. */
  rateLimitPerSecond?: number;
  /**
   * The clock the quota's 1 s window runs on, in ms; default `performance.now` (monotonic, so a
   * skewed or jumping `now` leaves the quota alone). Tests step it instead of sleeping a second.
   */
  quotaNow?: () => number;
}

export interface FaultRule {
  /** Matches any method when omitted. */
  method?: string;
  /** Matched against the path without query: exact, or a prefix when the string ends in `*`. */
  path?: string | RegExp;
  /**
   * Gateway faults (before authentication, nothing runs): `status`, `latency`, `drop`, `redirect`
   * (a 3xx with `location`), `echo` (an error whose body reflects the request headers).
   * Service faults (the operation runs first): `commitThenDrop`, `malformed`, `truncated`,
   * `commitThenStatus` (commits, then answers `status`, default 503, as a proxy that lost the
   * upstream answer; `delayMs` waits before committing).
   */
  kind: "status" | "latency" | "drop" | "commitThenDrop" | "malformed" | "truncated" | "redirect" | "echo" | "commitThenStatus";
  /** For `status`, `echo`, `redirect` (default 307), `commitThenStatus` (default 503): the status to answer. */
  status?: number;
  /** For `redirect`: the Location; default the same path on https://redirected.invalid. */
  location?: string;
  /** For `status` (429/503 typically): the `Retry-After` header, in seconds. */
  retryAfterSec?: number;
  /** For `latency`: wait this long, then answer normally. For `commitThenStatus`: wait this long, then commit. */
  delayMs?: number;
  /** Apply to the next N matching requests; every matching request when omitted. */
  times?: number;
}

export interface RequestRecord {
  method: string;
  path: string;
  /** The raw query string without `?`; "" when there is none. */
  query: string;
  /** The status answered; 0 when the socket was dropped (or not yet answered). */
  status: number;
  /** The fault applied to this request, if any. */
  fault?: FaultRule["kind"];
  /** Server clock (`now()`) when the request arrived. */
  at: number;
}

export interface Emulator {
  /** `http://127.0.0.1:PORT` */
  url: string;
  accessKey: string;
  secretKey: string;
  apiKey: string;
  state: EmulatorState;
  /** Every request received, in arrival order. */
  requests: RequestRecord[];
  faults: {
    add(rule: FaultRule): void;
    clear(): void;
    setRateLimit(perSecond: number | undefined): void;
  };
  /** Closes the server and every open socket, keep-alive ones included. */
  close(): Promise<void>;
}
