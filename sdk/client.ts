import { inspect } from "node:util";
import type { Dispatcher } from "undici";
import { NsmlClient } from "./clients/nsml";
import { SearchEngineClient } from "./clients/searchEngine";
import { StsClient } from "./clients/sts";
import { SubAccountClient } from "./clients/subAccount";
import { type ConfigOptions, NcloudConfig } from "./settings/config";
import { type DebugSink, chooseDebugSink } from "./call/debug";
import type { Region, Service, Site } from "./settings/endpoints";
import type { ServerClock } from "./call/serverClock";
import { clientNumber } from "./settings/settings";
import { Transport } from "./call/transport";

/**
 * The numbers are whole and bounded (./settings CLIENT_NUMBERS); one out of range, or not a whole
 * number, makes the constructor throw InvalidInput naming it.
 */
export interface NcloudClientOptions extends ConfigOptions {
  /** Deadline of each attempt, connect to last byte of the answer, ms, 1..600000. Default 30000. */
  timeoutMs?: number;
  /** Largest answer read, bytes, 1..268435456 (256 MiB); a larger one fails without being buffered. Default 10 MiB. */
  maxResponseBytes?: number;
  /**
   * An undici dispatcher to send through instead of the client's own pools (a ProxyAgent, a
   * custom Agent). The caller owns it: close() leaves it open, and maxSocketsPerOrigin does not
   * apply. Its connections are not the client's to see, so plain http through it goes only to an
   * endpoint that is loopback from its URL (127.0.0.0/8, ::1, localhost), unless allowInsecureHttp.
   * Default: a Pool per origin, or an EnvHttpProxyAgent when HTTPS_PROXY / HTTP_PROXY is set (never
   * for a loopback endpoint).
   */
  dispatcher?: Dispatcher;
  /** Attempts per call, including the first, 1..10. Default 3. */
  maxAttempts?: number;
  /**
   * Extra attempts per call for answers NCP throttled (429 with a Retry-After we wait out): they do
   * not use up maxAttempts, so a deployment under a rate limit slows down instead of failing.
   * 0..100, default 10; 0 counts them like any other failure.
   */
  maxThrottledAttempts?: number;
  /** Backoff base, ms, 1..60000: attempt n waits random() * min(retryCapMs, retryBaseMs * 2^n). Default 200. */
  retryBaseMs?: number;
  /** Longest backoff and longest Retry-After honoured, ms, 1..600000. Default 20000. */
  retryCapMs?: number;
  /** Clock, ms since the epoch. Default Date.now. */
  now?: () => number;
  /** Default Math.random. */
  random?: () => number;
  /** Default setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  /** One line per attempt (method, path, status, attempt, ms). Default: stderr when NCLOUD_DEBUG=1. */
  debug?: DebugSink;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The entry point: one client per set of credentials, one keep-alive connection pool per client.
 * Constructing never fails for lack of credentials; the first request does, with a message
 * that says what to set.
 */
export class NcloudClient {
  readonly subAccount: SubAccountClient;
  readonly sts: StsClient;
  readonly nsml: NsmlClient;
  readonly searchEngine: SearchEngineClient;
  readonly #config: NcloudConfig;
  readonly #transport: Transport;
  /** Per-attempt deadline, ms: how long a request may still be in flight after we gave up on it. */
  readonly timeoutMs: number;

  constructor(options: NcloudClientOptions = {}) {
    this.#config = new NcloudConfig(options);
    this.timeoutMs = clientNumber("timeoutMs", options.timeoutMs);
    // Checked here like every other number; NCLOUD_MAX_SOCKETS_PER_ORIGIN is read at the first request.
    if (options.maxSocketsPerOrigin !== undefined) clientNumber("maxSocketsPerOrigin", options.maxSocketsPerOrigin);
    this.#transport = new Transport({
      config: this.#config,
      timeoutMs: this.timeoutMs,
      maxAttempts: clientNumber("maxAttempts", options.maxAttempts),
      maxThrottledAttempts: clientNumber("maxThrottledAttempts", options.maxThrottledAttempts),
      retryBaseMs: clientNumber("retryBaseMs", options.retryBaseMs),
      retryCapMs: clientNumber("retryCapMs", options.retryCapMs),
      maxResponseBytes: clientNumber("maxResponseBytes", options.maxResponseBytes),
      dispatcher: options.dispatcher,
      now: options.now ?? Date.now,
      random: options.random ?? Math.random,
      sleep: options.sleep ?? defaultSleep,
      debug: chooseDebugSink(options.debug, this.#config.debugEnabled),
    });
    const ctx = { config: this.#config, transport: this.#transport };
    this.subAccount = new SubAccountClient(ctx);
    this.sts = new StsClient(ctx);
    this.nsml = new NsmlClient(ctx);
    this.searchEngine = new SearchEngineClient(ctx);
  }

  /** The default Search Engine region (option region, NCLOUD_REGION, else KR; FKR on fin). Throws InvalidInput if malformed. */
  get region(): Region {
    return this.#config.region("config.region");
  }

  /** The NCP site (option site, NCLOUD_SITE, else public). Throws InvalidInput if unknown. */
  get site(): Site {
    return this.#config.site("config.site");
  }

  /** Server clock minus local clock as learned from NCP, ms (0 until a timestamp was refused). */
  get clockOffsetMs(): number {
    return this.#transport.clockOffsetMs;
  }

  /**
   * The scheme, host and port `service`'s calls go to, as they would be sent: its `endpoints`
   * entry, else `endpoint`, else NCP's host for the site. Throws InvalidInput on a bad setting.
   */
  serviceOrigin(service: Service): string {
    return this.#config.baseUrl(service, "config.serviceOrigin").origin;
  }

  /**
   * Whether `service`'s calls are known, before any connection is made, to reach only this
   * machine: its origin is a loopback address or a localhost name, which the client's own pools
   * connect to directly (never through a proxy; localhost pinned to 127.0.0.1 and ::1, DNS not
   * asked). False for any other name, and whenever a `dispatcher` of the caller's makes the
   * connections. Throws InvalidInput on a bad endpoint setting.
   */
  sendsOnlyToLoopback(service: Service): boolean {
    return this.#transport.sendsOnlyToLoopback(this.serviceOrigin(service));
  }

  /** NCP's clock as learned from the `Date` of its answers: which keys a lost create may have made. */
  get serverClock(): ServerClock {
    return this.#transport.serverClock;
  }

  /**
   * Values this client must never show, from now on, in any error or request id it makes: secrets
   * the caller holds that NCP may quote back although the call at hand does not carry them (a
   * key's secret when its key is listed or deleted, the key set on a service group when its
   * buckets are listed). What the client sends or NCP answers in a field named like a secret is
   * remembered without this. Strings shorter than 6 characters are ignored; numbers are taken as
   * their digits (an MFA code).
   */
  rememberSecrets(...values: Array<string | number | undefined>): void {
    this.#transport.rememberSecrets(values);
  }

  /** Closes the connection pool. */
  async close(): Promise<void> {
    await this.#transport.close();
  }

  toJSON(): Record<string, unknown> {
    return { config: this.#config.toJSON(), transport: this.#transport.toJSON() };
  }

  [inspect.custom](): string {
    return `NcloudClient ${inspect(this.toJSON())}`;
  }
}
