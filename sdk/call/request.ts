import type { Dispatcher } from "undici";
import type { NcloudConfig } from "../settings/config";
import type { DebugSink } from "./debug";
import type { ServiceName } from "../errors/errors";
import type { HttpMethod } from "./retry";

/** What the transport is built with, what a call asks it to send, and what it answers. */
export interface TransportOptions {
  config: NcloudConfig;
  timeoutMs: number;
  maxAttempts: number;
  /** Throttled answers (429 with a Retry-After) per call that do not count toward maxAttempts. */
  maxThrottledAttempts: number;
  retryBaseMs: number;
  retryCapMs: number;
  /** Largest answer read, bytes; a larger one fails the attempt without being buffered. */
  maxResponseBytes: number;
  /** Sends the requests instead of the client's own pool (a proxy, a custom agent). Not closed by close(). */
  dispatcher?: Dispatcher;
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
