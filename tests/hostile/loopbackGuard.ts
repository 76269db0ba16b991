import dns from "node:dns";
import net from "node:net";

/**
 * Test-only stand-ins for name resolution, so that "a name resolving to a non-loopback address"
 * can be tested without DNS and without ever connecting anywhere but loopback.
 *
 *  - `stubDns` answers `dns.lookup` (what Node's net.connect asks by default, and what the SDK's
 *    own lookup asks) from a table, recording each name asked. An address answers for itself; a
 *    name not in the table fails ENOTFOUND: no query leaves the machine.
 *  - `guardConnects` is the safety net under it: every TCP connect in this process whose address
 *    (given, or resolved) is not loopback fails before the socket connects, and is recorded. So a
 *    regression (or today's code, run against these tests) shows up as a recorded address and a
 *    failed call, never as a packet to 192.0.2.x.
 */
export const NOT_LOOPBACK_ADDRESS = "192.0.2.10"; // TEST-NET-1 (RFC 5737): documentation only.

type Answer = { address: string; family: number };
type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | Answer[], family?: number) => void;

function answer(addresses: Answer[], options: { all?: boolean }, callback: LookupCallback): void {
  if (options.all) callback(null, addresses);
  else callback(null, addresses[0].address, addresses[0].family);
}

function familyOf(address: string): number {
  return net.isIP(address) === 6 ? 6 : 4;
}

export interface DnsStub {
  /** Every name dns.lookup was asked, in order. */
  asked: string[];
  restore(): void;
}

export function stubDns(table: Record<string, string[]>): DnsStub {
  const asked: string[] = [];
  const spy = jest.spyOn(dns, "lookup").mockImplementation(((hostname: string, options: unknown, callback?: unknown) => {
    const cb = (typeof options === "function" ? options : callback) as LookupCallback;
    const opts = (typeof options === "object" && options !== null ? options : {}) as { all?: boolean };
    asked.push(hostname);
    // An address stands for itself, as with the real dns.lookup.
    const addresses = net.isIP(hostname) !== 0 ? [hostname] : table[hostname.toLowerCase()];
    process.nextTick(() => {
      if (addresses === undefined) return cb(Object.assign(new Error(`stub: no entry for ${hostname}`), { code: "ENOTFOUND" }), "");
      answer(addresses.map((address) => ({ address, family: familyOf(address) })), opts, cb);
    });
  }) as unknown as typeof dns.lookup);
  return { asked, restore: () => spy.mockRestore() };
}

function isLoopback(address: string): boolean {
  return address === "::1" || /^127\./.test(address) || /^::ffff:127\./i.test(address);
}

export interface ConnectGuard {
  /** Non-loopback addresses a connect was stopped at, in order. */
  stopped: string[];
  restore(): void;
}

type Options = { host?: string; path?: string; lookup?: (hostname: string, options: object, callback: LookupCallback) => void };

export function guardConnects(): ConnectGuard {
  const stopped: string[] = [];
  const original = net.Socket.prototype.connect;
  const guard = (addresses: string[]): Error | undefined => {
    const outside = addresses.filter((address) => !isLoopback(address));
    if (outside.length === 0) return undefined;
    stopped.push(...outside);
    return Object.assign(new Error(`test guard: refused to connect to ${outside.join(", ")}`), { code: "ETESTGUARD" });
  };
  net.Socket.prototype.connect = function guarded(this: net.Socket, ...args: unknown[]) {
    // net.connect hands over its normalized [options, callback]; a direct call passes options first.
    const options = (Array.isArray(args[0]) ? args[0][0] : args[0]) as Options | undefined;
    if (options !== undefined && typeof options === "object" && options.path === undefined) {
      const host = options.host ?? "localhost";
      if (net.isIP(host) !== 0) {
        const refused = guard([host]);
        if (refused) {
          process.nextTick(() => this.destroy(refused));
          return this;
        }
      } else {
        const lookup = options.lookup ?? dns.lookup;
        options.lookup = (hostname, lookupOptions, callback) =>
          lookup(hostname, lookupOptions, (error, address, family) => {
            if (error) return callback(error, address, family);
            const all = Array.isArray(address) ? address.map((a) => a.address) : [address];
            const refused = guard(all);
            if (refused) return callback(refused, "");
            callback(null, address, family);
          });
      }
    }
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof original;
  return { stopped, restore: () => void (net.Socket.prototype.connect = original) };
}
