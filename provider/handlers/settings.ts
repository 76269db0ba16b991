import type { NcloudClientOptions } from "../../sdk";
// The module itself, not the SDK index: configure must not load undici or zod (cold start).
import { SOCKETS_PER_ORIGIN } from "../../sdk/config";
import { parseEndpointOverrides } from "../../sdk/endpointOverrides";

/** Reads one stack config value, e.g. `ncloud:accessKey`; undefined when not set. */
export type ConfigReader = (key: string) => string | undefined;

/**
 * The `ncloud:*` stack config keys the provider reads. Anything not set falls through to the
 * SDK's own chain: `NCLOUD_*` environment variables, then `~/.ncloud/configure`.
 */
export const CONFIG_KEYS = {
  accessKey: "ncloud:accessKey",
  secretKey: "ncloud:secretKey",
  apiKey: "ncloud:apiKey",
  site: "ncloud:site",
  region: "ncloud:region",
  endpoint: "ncloud:apiUrl",
  endpoints: "ncloud:endpoints",
  profile: "ncloud:profile",
  timeoutMs: "ncloud:timeoutMs",
  maxAttempts: "ncloud:maxAttempts",
  maxResponseBytes: "ncloud:maxResponseBytes",
  maxSocketsPerOrigin: "ncloud:maxSocketsPerOrigin",
  allowInsecureHttp: "ncloud:allowInsecureHttp",
  // `true`, or the name of the server's role: the SDK parses it (sdk/serverRoleCredentials.ts).
  serverRole: "ncloud:serverRole",
} as const;

/** The keys whose values are whole numbers: what each counts, for the error message. */
const WHOLE_NUMBERS: Partial<Record<keyof typeof CONFIG_KEYS, string>> = {
  timeoutMs: "milliseconds per attempt, e.g. 30000",
  maxAttempts: "attempts per call, e.g. 3",
  maxResponseBytes: "bytes per answer, e.g. 10485760",
  maxSocketsPerOrigin: `sockets per origin from 1 to ${SOCKETS_PER_ORIGIN.max}, e.g. ${SOCKETS_PER_ORIGIN.default}`,
};

/** Upper bounds, where a key has one. */
const MAXIMUM: Partial<Record<keyof typeof CONFIG_KEYS, number>> = {
  maxSocketsPerOrigin: SOCKETS_PER_ORIGIN.max,
};

/** Client options from stack config, leaving unset keys to the SDK's environment defaults. */
export function clientOptionsFromConfig(read: ConfigReader): NcloudClientOptions {
  const options: Record<string, unknown> = {};
  for (const [option, key] of Object.entries(CONFIG_KEYS) as Array<[keyof typeof CONFIG_KEYS, string]>) {
    const value = read(key);
    if (value === undefined || value === "") continue;
    const unit = WHOLE_NUMBERS[option];
    if (option === "allowInsecureHttp") {
      if (value !== "true" && value !== "false") {
        throw new Error(`${key} must be true or false; got ${JSON.stringify(value)}. Fix: pulumi config set ${key} true`);
      }
      (options as Record<string, unknown>)[option] = value === "true";
      continue;
    }
    if (option === "endpoints") {
      // Checked here so an unknown service name fails `pulumi preview` naming ncloud:endpoints.
      options.endpoints = parseEndpointOverrides(value, key, "config.endpoints");
      continue;
    }
    if (unit === undefined) {
      options[option] = value;
      continue;
    }
    const number = Number(value);
    if (!Number.isInteger(number) || number < 1 || number > (MAXIMUM[option] ?? Infinity)) {
      throw new Error(`${key} must be a whole number of ${unit}; got ${JSON.stringify(value)}. Fix: pulumi config set ${key} <number>`);
    }
    options[option] = number;
  }
  return options as NcloudClientOptions;
}
