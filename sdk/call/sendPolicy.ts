import { isIP } from "node:net";
import { type NotLoopbackError, routeOf } from "./destination";
import { type NcloudError, invalidInput } from "../errors/errors";

/**
 * Checks made before anything is sent: what may leave the machine, and to where. Pure.
 */

const INSECURE_FIX =
  "use https, or opt in with allowInsecureHttp / ncloud:allowInsecureHttp / NCLOUD_ALLOW_INSECURE_HTTP=1 (only on a network you trust)";

function inClear(host: string): string {
  return `plain http to ${host} would send the access key, API key and replayable request signatures in clear`;
}

/**
 * Plain http carries the access key, the NSML API key and signatures that replay for five
 * minutes, readable by anyone on the path: it goes only where every hop is loopback, unless the
 * user opts in (destination.ts has the rule). What can be told before connecting is refused here:
 * an address that is not loopback (no lookup sees an address), and, with a dispatcher of the
 * caller's, any name that is not localhost (its connections are not ours to check). A name
 * through the client's own pools is checked when it is resolved (refuseNotLoopback).
 */
export function refuseInsecureOrigin(origin: string, allowInsecureHttp: boolean, operation: string, ownConnections: boolean): void {
  if (routeOf(origin, allowInsecureHttp) !== "loopbackOnceResolved") return;
  const url = new URL(origin);
  const isAddress = isIP(url.hostname.replace(/^\[|\]$/g, "")) !== 0;
  if (ownConnections && !isAddress) return;
  const why = isAddress ? "" : ": with a dispatcher of your own the client cannot see where the name resolves";
  throw invalidInput(operation, "endpoint", `${inClear(url.host)}${why}`, INSECURE_FIX);
}

/** The same refusal, made when the name of a plain-http endpoint resolved to an address that is not loopback. */
export function refuseNotLoopback(operation: string, origin: string, error: NotLoopbackError): NcloudError {
  const host = new URL(origin).host;
  return invalidInput(operation, "endpoint", `${inClear(host)}: ${error.message}`, INSECURE_FIX);
}

/** The endpoint as it may be shown: without user:password. */
export function displayEndpoint(endpoint: string | undefined): string | undefined {
  if (endpoint === undefined) return undefined;
  try {
    const url = new URL(endpoint);
    if (url.username === "" && url.password === "") return endpoint;
    url.username = "";
    url.password = "";
    return url.toString();
  } catch {
    return endpoint.includes("@") ? "[REDACTED]" : endpoint;
  }
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * A control character in a value sent as a header (or signed into one) would be refused by
 * undici after the connection is made, looking like a network failure. Say which field instead,
 * and send nothing. Never quotes the value: it is a credential.
 */
export function refuseControlCharacters(operation: string, values: Record<string, string | undefined>): void {
  for (const [field, value] of Object.entries(values)) {
    if (value !== undefined && CONTROL.test(value)) {
      throw invalidInput(
        operation,
        field,
        "contains a control character (CR, LF, NUL, tab or similar)",
        `copy ${field} again without the line break or stray character (check the config value, env var or ~/.ncloud/configure)`,
      );
    }
  }
}

/**
 * The checks above as the transport makes them on every call, each made once where its answer
 * cannot change: the resolved credentials are fixed (config.ts resolves them once), and so is
 * whether an origin may be sent to (refuseInsecureOrigin parses a URL: ~10 µs a call in the
 * bench's keep-alive loop, tests/bench/README.md). An API key can be given per call, so it is
 * checked on every call. A refusal is never remembered: it is thrown again.
 */
export class SendChecks {
  readonly #allowedOrigins = new Set<string>();
  #checkedCredentials: object | undefined;

  refuse(
    operation: string,
    credentials: { accessKey: string; secretKey: string },
    apiKey: string | undefined,
    origin: string,
    /** Read only when the origin is new. */
    settings: { readonly allowInsecureHttp: boolean },
    /** False when the caller's dispatcher makes the connections. */
    ownConnections: boolean,
  ): void {
    if (this.#checkedCredentials !== credentials) {
      refuseControlCharacters(operation, { accessKey: credentials.accessKey, secretKey: credentials.secretKey });
      this.#checkedCredentials = credentials;
    }
    if (apiKey !== undefined) refuseControlCharacters(operation, { apiKey });
    if (!this.#allowedOrigins.has(origin)) {
      refuseInsecureOrigin(origin, settings.allowInsecureHttp, operation, ownConnections);
      this.#allowedOrigins.add(origin);
    }
  }
}
