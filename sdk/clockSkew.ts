import { blamesTimestamp, type ParsedErrorBody } from "./errorBody";

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
