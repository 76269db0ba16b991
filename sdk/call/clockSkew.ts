import { blamesTimestamp, type ParsedErrorBody } from "../errors/errorBody";

/**
 * The API Gateway refuses a timestamp more than 5 minutes from its clock (401). When that is why
 * a request failed, the response `Date` tells us how far off we are; the transport adds the
 * offset to every later timestamp of the client. 4 minutes leaves margin under the 5-minute rule.
 */
export const SKEW_THRESHOLD_MS = 4 * 60 * 1000;

/**
 * The offset (server − local, ms) to learn from a 401, or undefined when the 401 is not about
 * the clock or the server's time is unknown.
 */
export function learnClockOffset(
  status: number,
  dateHeader: string | undefined,
  localNowMs: number,
  body: ParsedErrorBody,
): number | undefined {
  if (status !== 401 || dateHeader === undefined) return undefined;
  const serverMs = Date.parse(dateHeader);
  if (Number.isNaN(serverMs)) return undefined;
  const offset = serverMs - localNowMs;
  if (Math.abs(offset) > SKEW_THRESHOLD_MS || blamesTimestamp(body)) return offset;
  return undefined;
}

/**
 * The largest clock offset the client accepts from a 401. A `Date` header is unauthenticated: a
 * gateway, proxy or attacker that could push our clock days ahead would get signatures that are
 * valid then, replayable later. Fifteen minutes covers a drifting clock; beyond it the machine's
 * time sync is broken and the user must fix it.
 */
export const MAX_CLOCK_OFFSET_MS = 15 * 60 * 1000;

export function offsetTooLarge(offsetMs: number): boolean {
  return Math.abs(offsetMs) > MAX_CLOCK_OFFSET_MS;
}

/** "3 days 4 hours" style: how far off, in the largest two units, rounded (a Date has 1 s resolution). */
export function describeOffset(offsetMs: number): string {
  const units: Array<[string, number]> = [["day", 86_400_000], ["hour", 3_600_000], ["minute", 60_000], ["second", 1000]];
  const largest = Math.max(0, units.findIndex(([, size]) => Math.abs(offsetMs) >= size));
  const precision = units[Math.min(largest + 1, units.length - 1)][1];
  let rest = Math.round(Math.abs(offsetMs) / precision) * precision;
  const parts: string[] = [];
  for (const [name, size] of units) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) parts.push(`${count} ${name}${count === 1 ? "" : "s"}`);
  }
  const amount = parts.join(" ") || "less than a second";
  return `${amount} ${offsetMs > 0 ? "behind" : "ahead of"} NCP's clock`;
}
