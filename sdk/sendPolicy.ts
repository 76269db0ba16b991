import { isIP } from "node:net";
import { invalidInput } from "./errors";

/**
 * Checks made before anything is sent: what may leave the machine, and to where. Pure.
 */

/** Loopback only: 127.0.0.0/8, ::1 and localhost (RFC 6761 6.3 reserves it for loopback). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  if (isIP(host) === 4) return host.startsWith("127.");
  if (isIP(host) === 6) return host === "::1" || host === "0:0:0:0:0:0:0:1";
  return false;
}

/**
 * Plain http carries the access key, the NSML API key and signatures that replay for five
 * minutes, readable by anyone on the path. Loopback (the emulator, a local proxy) is fine;
 * anything else needs an explicit opt-in.
 */
export function refuseInsecureOrigin(origin: string, allowInsecureHttp: boolean, operation: string): void {
  const url = new URL(origin);
  if (url.protocol !== "http:" || allowInsecureHttp || isLoopbackHost(url.hostname)) return;
  throw invalidInput(
    operation,
    "endpoint",
    `plain http to ${url.host} would send the access key, API key and replayable request signatures in clear`,
    "use https, or opt in with allowInsecureHttp / ncloud:allowInsecureHttp / NCLOUD_ALLOW_INSECURE_HTTP=1 (only on a network you trust)",
  );
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
  ): void {
    if (this.#checkedCredentials !== credentials) {
      refuseControlCharacters(operation, { accessKey: credentials.accessKey, secretKey: credentials.secretKey });
      this.#checkedCredentials = credentials;
    }
    if (apiKey !== undefined) refuseControlCharacters(operation, { apiKey });
    if (!this.#allowedOrigins.has(origin)) {
      refuseInsecureOrigin(origin, settings.allowInsecureHttp, operation);
      this.#allowedOrigins.add(origin);
    }
  }
}
