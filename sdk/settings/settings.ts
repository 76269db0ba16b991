import { INVALID_INPUT, NcloudError } from "../errors/errors";
import { describeValue } from "../validate";

/**
 * What a setting may hold, in one place: the SDK's options, the provider's `ncloud:*` stack config
 * and the `NCLOUD_*` variables are all checked here. Booleans are words with one meaning only, so
 * `NCLOUD_ALLOW_INSECURE_HTTP=no` cannot turn plain http on; numbers are whole and bounded, so a
 * value that would break Node's timers (a delay over 2^31-1 ms fires at once, with only a
 * warning) or overflow a Date never gets past the constructor or the provider's configure.
 */

export interface WholeNumberRange {
  readonly min: number;
  readonly max: number;
  readonly default: number;
  /** What one unit counts, for messages and the README: "milliseconds per attempt". */
  readonly unit: string;
}

/**
 * The client's numbers. The maxima keep every timer the SDK arms (an attempt's deadline, a
 * backoff, the second look after a lost create: one timeout later) far below 2^31-1 ms, and an
 * answer below the size of the longest string Node can make from it (2^29 characters).
 */
export const CLIENT_NUMBERS = {
  timeoutMs: { min: 1, max: 600_000, default: 30_000, unit: "milliseconds per attempt" },
  maxAttempts: { min: 1, max: 10, default: 3, unit: "attempts per call" },
  maxThrottledAttempts: { min: 0, max: 100, default: 10, unit: "extra attempts per call for throttled answers" },
  retryBaseMs: { min: 1, max: 60_000, default: 200, unit: "milliseconds of backoff base" },
  retryCapMs: { min: 1, max: 600_000, default: 20_000, unit: "milliseconds of longest backoff" },
  // NCP's answers are a few KB: the default leaves room for any listing and bounds a hostile one.
  maxResponseBytes: { min: 1, max: 256 * 1024 * 1024, default: 10 * 1024 * 1024, unit: "bytes per answer" },
  // 16: Pulumi's default parallelism on a 4-core machine (4 per CPU, defaultParallel in up.go).
  maxSocketsPerOrigin: { min: 1, max: 256, default: 16, unit: "sockets per origin" },
} as const satisfies Record<string, WholeNumberRange>;

export type ClientNumber = keyof typeof CLIENT_NUMBERS;

/** How to set `name` to `value`, in the words of where it is set: stack config, environment or option. */
function howToSet(name: string, value: string): string {
  // A stack config key of either door: `ncloud:timeoutMs` (dynamic resources), `ncloud-keys:timeoutMs` (the plugin).
  if (/^[a-z][a-z0-9-]*:[A-Za-z]/.test(name)) return `pulumi config set ${name} ${value}`;
  if (/^[A-Z][A-Z0-9_]*$/.test(name)) return `set ${name}=${value}, or unset it`;
  return `pass ${name}: ${value}`;
}

function settingError(name: string, problem: string, fix: string): NcloudError {
  return new NcloudError(`${name} ${problem}. Fix: ${fix}`, { code: INVALID_INPUT, service: "config", operation: `config.${name}` });
}

export const BOOLEAN_WORDS = "true, false, 1 or 0 (any case)";

/**
 * A boolean setting. An option may be a boolean; text (stack config, an environment variable) may
 * be only true/false/1/0 in any case, with surrounding spaces. Empty or unset text is `fallback`.
 */
export function booleanSetting(value: unknown, name: string, fallback = false): boolean {
  if (value === undefined || (typeof value === "string" && value.trim() === "")) return fallback;
  if (typeof value === "boolean") return value;
  const word = typeof value === "string" ? value.trim().toLowerCase() : undefined;
  if (word === "true" || word === "1") return true;
  if (word === "false" || word === "0") return false;
  throw settingError(name, `must be ${BOOLEAN_WORDS}; got ${describeValue(value)}`, howToSet(name, "false"));
}

/** A whole number in `range`, given as a number (an option) or as digits (stack config, environment). */
export function wholeNumberSetting(value: unknown, range: WholeNumberRange, name: string): number {
  const text = typeof value === "string" ? value.trim() : undefined;
  const number = text !== undefined && /^[0-9]{1,16}$/.test(text) ? Number(text) : value;
  if (typeof number === "number" && Number.isInteger(number) && number >= range.min && number <= range.max) return number;
  throw settingError(
    name,
    `must be a whole number of ${range.unit} from ${range.min} to ${range.max}; got ${describeValue(value)}`,
    howToSet(name, String(range.default)),
  );
}

/** One of the client's numbers: its default when not given, else checked against its range. */
export function clientNumber(option: ClientNumber, value: unknown, name: string = option): number {
  return value === undefined ? CLIENT_NUMBERS[option].default : wholeNumberSetting(value, CLIENT_NUMBERS[option], name);
}
