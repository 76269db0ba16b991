import type { Dispatcher } from "undici";
import { loopbackLookup, routeOf } from "./destination";

/**
 * undici itself, loaded when the first request needs a dispatcher: requiring it costs ~60–90 ms, and
 * the provider host's `check`, `diff` and a whole `pulumi preview` never send a request
 * (tests/bench/README.md, cold start). Types come from `import type`, which emits nothing.
 */
function undici(): typeof import("undici") {
  return require("undici") as typeof import("undici");
}

/** The environment's proxy settings, or undefined when it names no proxy. */
function proxySettings(env: Record<string, string | undefined>): { httpProxy: string; httpsProxy: string; noProxy: string } | undefined {
  const httpProxy = env.HTTP_PROXY || env.http_proxy || "";
  const httpsProxy = env.HTTPS_PROXY || env.https_proxy || "";
  if (httpProxy === "" && httpsProxy === "") return undefined;
  // Every value explicit ("" for unset) so undici does not read process.env behind our back.
  return { httpProxy, httpsProxy, noProxy: env.NO_PROXY || env.no_proxy || "" };
}

/** What the dispatchers read from the client's settings. */
export interface DispatcherSettings {
  /** The environment the proxy variables come from. */
  readonly env: Record<string, string | undefined>;
  readonly allowInsecureHttp: boolean;
  /** Throws InvalidInput when the setting is out of range. */
  maxSocketsPerOrigin(operation: string): number;
}

/**
 * Where a client's requests go, per origin (destination.ts has the rule):
 *  - the user's `dispatcher` as given (a proxy, a custom agent; never closed here);
 *  - a loopback origin, and plain http without the opt-in, on a `Pool` of its own that connects
 *    direct, never through a proxy, through `loopbackLookup` (localhost pinned; any other name
 *    connects only if it resolves to loopback alone);
 *  - anything else through undici's EnvHttpProxyAgent when the environment names a proxy
 *    (HTTPS_PROXY / HTTP_PROXY, honouring NO_PROXY), one for every such origin, else through a
 *    keep-alive `Pool` of its own. An `Agent` is a map of such pools keyed by origin; going to the
 *    pool directly skips that lookup and a dispatch layer on every request.
 * Every pool (the proxy agent's too) opens at most maxSocketsPerOrigin sockets; requests beyond
 * wait in its queue. undici's own timers stay as a backstop; the exchange's deadline is the one
 * that counts. Nothing is created, and undici not loaded, before the first request.
 */
export class Dispatchers {
  readonly #given: Dispatcher | undefined;
  readonly #settings: DispatcherSettings;
  readonly #timeoutMs: number;
  readonly #byOrigin = new Map<string, Dispatcher>();
  /** The one proxy agent, when the environment names a proxy: it keeps its own pools per origin. */
  #proxyAgent: Dispatcher | undefined;
  #closed = false;

  constructor(given: Dispatcher | undefined, settings: DispatcherSettings, timeoutMs: number) {
    this.#given = given;
    this.#settings = settings;
    this.#timeoutMs = timeoutMs;
  }

  /** Whether the connections are the client's own (false with a dispatcher of the caller's). */
  get ownConnections(): boolean {
    return this.#given === undefined;
  }

  /**
   * Whether calls to `origin` are known, before any connection, to reach only this machine: the
   * client's own connections to an origin that is loopback from its URL alone (destination.ts).
   */
  sendsOnlyToLoopback(origin: string): boolean {
    return this.ownConnections && routeOf(origin, this.#settings.allowInsecureHttp) === "loopback";
  }

  /** The dispatcher for `origin`; `operation` names the call in a settings error. */
  for(origin: string, operation: string): Dispatcher {
    if (this.#given) return this.#given;
    const known = this.#byOrigin.get(origin);
    if (known) return known;
    const made = this.#make(origin, operation);
    this.#byOrigin.set(origin, made);
    // After close() a request fails as it did on the closed Agent (UND_ERR_CLOSED), not by reopening.
    if (this.#closed) void made.close();
    return made;
  }

  /** Closes what this client made; the user's dispatcher is theirs to close. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all([...new Set(this.#byOrigin.values())].map((d) => d.close()));
  }

  #make(origin: string, operation: string): Dispatcher {
    const t = this.#timeoutMs;
    const connections = this.#settings.maxSocketsPerOrigin(operation);
    const options = { connections, headersTimeout: t, bodyTimeout: t };
    const { EnvHttpProxyAgent, Pool } = undici();
    if (routeOf(origin, this.#settings.allowInsecureHttp) !== "anywhere") {
      return new Pool(origin, { ...options, connect: { timeout: t, lookup: loopbackLookup } });
    }
    const proxy = proxySettings(this.#settings.env);
    if (proxy === undefined) return new Pool(origin, { ...options, connect: { timeout: t } });
    this.#proxyAgent ??= new EnvHttpProxyAgent({ ...options, connect: { timeout: t }, ...proxy });
    return this.#proxyAgent;
  }
}
