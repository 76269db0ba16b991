import dns from "node:dns";
import { isIP, type LookupFunction } from "node:net";

/**
 * Where a call's bytes go, decided by one rule: plain http only when every hop is loopback.
 *
 *  - An origin is loopback from its URL alone when its host is a loopback address (127.0.0.0/8,
 *    ::1) or `localhost` / `*.localhost`, which the client's own connections pin to 127.0.0.1 and
 *    ::1 without asking DNS (RFC 6761 6.3 lets a resolver do exactly that). Such an origin is
 *    never sent through a proxy: through a proxy, "127.0.0.1" is the proxy's own machine (Go's
 *    ProxyFromEnvironment never proxies localhost or a loopback address either).
 *  - Any other name counts as loopback only by the addresses it resolves to when the connection is
 *    made: plain http to it (without the opt-in) goes direct, never through a proxy, and connects
 *    only if every address the name resolves to is loopback. Judging the URL instead would trust
 *    whatever DNS says later.
 *  - https, and plain http the user opted into, go anywhere: through the environment's proxy
 *    (honouring NO_PROXY), else direct.
 *
 * The rotation test clock (provider/handlers/rotation.ts) asks the same `routeOf`: it trusts only
 * origins loopback from their URL alone, since it is read before any connection is made.
 */
export type Route = "loopback" | "loopbackOnceResolved" | "anywhere";

/** A loopback address: 127.0.0.0/8 or ::1 (brackets allowed, as a URL writes it). */
export function isLoopbackAddress(address: string): boolean {
  const host = address.replace(/^\[|\]$/g, "").toLowerCase();
  if (isIP(host) === 4) return host.startsWith("127.");
  return isIP(host) === 6 && (host === "::1" || host === "0:0:0:0:0:0:0:1");
}

/** `localhost` and any name under it (RFC 6761 6.3), with or without the root's trailing dot. */
export function isLocalhostName(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  return host === "localhost" || host.endsWith(".localhost");
}

/** Loopback from the URL alone: a loopback address, or a localhost name (pinned, never asked of DNS). */
export function isLoopbackHost(hostname: string): boolean {
  return isLocalhostName(hostname) || isLoopbackAddress(hostname);
}

export function routeOf(origin: string, allowInsecureHttp: boolean): Route {
  const url = new URL(origin);
  if (isLoopbackHost(url.hostname)) return "loopback";
  if (url.protocol === "http:" && !allowInsecureHttp) return "loopbackOnceResolved";
  return "anywhere";
}

/** The code of the error a loopback-only connection fails with before connecting elsewhere. */
export const NOT_LOOPBACK = "ERR_NCLOUD_NOT_LOOPBACK";

export class NotLoopbackError extends Error {
  readonly code = NOT_LOOPBACK;
  constructor(
    readonly hostname: string,
    readonly addresses: readonly string[],
  ) {
    super(`${hostname} resolves to ${addresses.join(", ")}, not only to loopback`);
  }
}

type Answer = { address: string; family: number };
type Callback = (error: NodeJS.ErrnoException | null, address: string | Answer[], family?: number) => void;

const PINNED: readonly Answer[] = [
  { address: "127.0.0.1", family: 4 },
  { address: "::1", family: 6 },
];

function reply(answers: readonly Answer[], options: { all?: boolean; family?: unknown }, callback: Callback): void {
  const family = options.family === 4 || options.family === "IPv4" ? 4 : options.family === 6 || options.family === "IPv6" ? 6 : 0;
  const wanted = answers.filter((a) => family === 0 || a.family === family);
  if (wanted.length === 0) return callback(Object.assign(new Error(`no IPv${family} loopback address`), { code: "ENOTFOUND" }), "");
  if (options.all) callback(null, [...wanted]);
  else callback(null, wanted[0].address, wanted[0].family);
}

/**
 * The `lookup` of a loopback-only connection (net.connect calls it just before connecting; an
 * address literal never reaches it, which is why the send checks refuse a non-loopback one first):
 * localhost names get 127.0.0.1 and ::1 without asking DNS; any other name is resolved by
 * `dns.lookup`, and fails with NotLoopbackError unless every address it has is loopback, so
 * Node, which may try each of them, can reach only this machine.
 */
export const loopbackLookup = ((hostname: string, options: { all?: boolean; family?: unknown }, callback: Callback): void => {
  if (isLocalhostName(hostname)) return process.nextTick(reply, PINNED, options, callback);
  // `dns.lookup` read at call time, not bound at import: it is what net.connect asks by default too.
  dns.lookup(hostname, { ...options, all: true } as dns.LookupAllOptions, (error, answers) => {
    if (error) return callback(error, "");
    const outside = answers.filter((a) => !isLoopbackAddress(a.address));
    if (outside.length > 0) return callback(new NotLoopbackError(hostname, outside.map((a) => a.address)), "");
    reply(answers, options, callback);
  });
}) as unknown as LookupFunction;
