import type { Caller } from "../auth";
import type { Reply } from "../reply";
import type { EmulatorState } from "../state";

/** What a route may use besides the request: the account, the clock, and the caller's own key. */
export interface RouteContext {
  state: EmulatorState;
  now(): number;
  /** The emulator's own (permanent) key pair; temporary credentials STS issued sign requests too. */
  accessKey: string;
  secretKey: string;
  /** ISO 8601 creation time reported for the emulator's own key. */
  ownKeyCreateTime: string;
  maxActiveKeys: number;
}

export interface RouteRequest {
  /** Upper-cased. */
  method: string;
  /** Without the query. */
  path: string;
  /** The raw request body, "" when there is none. */
  body: string;
  /** Who signed it, as the gateway authenticated it. */
  caller: Caller;
}

/** A service's router: a Reply when the path belongs to it, undefined otherwise. */
export type Route = (request: RouteRequest, context: RouteContext) => Reply | undefined;

/** The body as a JSON object, or undefined when it is not one (so the route can answer 400). */
export function jsonObject(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** A percent-decoded path segment, or undefined when its escapes are malformed. */
export function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** ISO 8601 in UTC, as Sub Account and STS report times. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
