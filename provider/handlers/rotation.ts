import type { NcloudClient } from "../../sdk";
import { SERVICES } from "../../sdk/settings/endpoints";

/**
 * Rotation by age: a SubAccountAccessKey with `rotationDays` is due for replacement once its NCP
 * `createTime` is that many days old. Pure functions; the clock is a parameter.
 */
const DAY_MS = 24 * 60 * 60 * 1000;

/** When a key created at `createTime` is due: createTime + rotationDays, ISO 8601; undefined without a valid createTime. */
export function rotatesAt(createTime: string | undefined, rotationDays: number | undefined): string | undefined {
  if (rotationDays === undefined || createTime === undefined) return undefined;
  const created = Date.parse(createTime);
  if (Number.isNaN(created)) return undefined;
  return new Date(created + rotationDays * DAY_MS).toISOString();
}

/** Whether the key is `rotationDays` or more old at `now` (ms). */
export function isDue(createTime: string | undefined, rotationDays: number | undefined, now: number): boolean {
  const due = rotatesAt(createTime, rotationDays);
  return due !== undefined && Date.parse(due) <= now;
}

/** Whole days from `createTime` to `now`; 0 for a key stamped in the future (a skewed clock). */
export function ageDays(createTime: string, now: number): number | undefined {
  const created = Date.parse(createTime);
  if (Number.isNaN(created)) return undefined;
  return Math.max(0, Math.floor((now - created) / DAY_MS));
}

/**
 * TEST AND DEMO ONLY: `NCLOUD_KEYS_TEST_NOW` (ISO 8601) stands in for the clock of the rotation
 * rule (and of StsCredentials' renewal), so `npm run demo` and the tests can show a key aging past
 * `rotationDays`, or credentials coming within `renewBefore` of expiry, in seconds.
 *
 * Why it cannot bite in production: it is honoured only while every service the provider calls
 * is known to be reached on this machine alone, by the same rule that decides where the client
 * sends its bytes (sdk/call/destination.ts, through NcloudClient.sendsOnlyToLoopback): an endpoint that
 * is a loopback address or a localhost name (pinned to loopback, never asked of DNS), connected to
 * directly, never through a proxy. The clock is read before any connection is made, so any other
 * name, even one that resolves to loopback now, does not count; nor does NCP's own host, nor an
 * `ncloud:endpoints` entry elsewhere. A variable left in a CI environment can neither rotate real
 * keys early nor hold them back. A value that does not parse is ignored too.
 */
export const TEST_CLOCK_VARIABLE = "NCLOUD_KEYS_TEST_NOW";

export function rotationNow(client: Pick<NcloudClient, "sendsOnlyToLoopback">, env: NodeJS.ProcessEnv = process.env): number {
  const injected = env[TEST_CLOCK_VARIABLE];
  if (injected === undefined || !everyServiceOnLoopback(client)) return Date.now();
  const ms = Date.parse(injected);
  return Number.isNaN(ms) ? Date.now() : ms;
}

/**
 * Every service, not one: an `ncloud:endpoints` entry wins over a loopback `ncloud:apiUrl`, and a
 * rotation reaches more than Sub Account (the new key is handed to Search Engine). A setting that
 * does not resolve counts as not loopback.
 */
function everyServiceOnLoopback(client: Pick<NcloudClient, "sendsOnlyToLoopback">): boolean {
  try {
    return SERVICES.every((service) => client.sendsOnlyToLoopback(service));
  } catch {
    return false;
  }
}
