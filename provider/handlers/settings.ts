import type { NcloudClientOptions } from "../../sdk";
// The module itself, not the SDK index: configure must not load undici or zod (cold start).
import { SOCKETS_PER_ORIGIN } from "../../sdk/config";
import { parseEndpointOverrides } from "../../sdk/endpointOverrides";

/** Reads one stack config value, e.g. `ncloud:accessKey`; undefined when not set. */
export type ConfigReader = (key: string) => string | undefined;

/**
 * The settings the provider reads, by option name: each is a stack config key in the namespace of
 * the door the program came through (`ncloud:<name>` for the dynamic resources, `ncloud-keys:<name>`
 * for the provider plugin: Pulumi hands a plugin only its own package's keys). Anything not set
 * falls through to the SDK's own chain: `NCLOUD_*` environment variables, then `~/.ncloud/configure`.
 */
export const CONFIG_NAMES = {
  accessKey: "accessKey",
  secretKey: "secretKey",
  apiKey: "apiKey",
  site: "site",
  region: "region",
  endpoint: "apiUrl",
  endpoints: "endpoints",
  profile: "profile",
  timeoutMs: "timeoutMs",
  maxAttempts: "maxAttempts",
  maxResponseBytes: "maxResponseBytes",
  maxSocketsPerOrigin: "maxSocketsPerOrigin",
  allowInsecureHttp: "allowInsecureHttp",
} as const;

/** The config namespace of the dynamic resources (`ncloud:accessKey`). */
export const DYNAMIC_CONFIG_NAMESPACE = "ncloud";

/** The dynamic resources' stack config keys, e.g. `ncloud:accessKey`. */
export const CONFIG_KEYS = Object.fromEntries(
  Object.entries(CONFIG_NAMES).map(([option, name]) => [option, `${DYNAMIC_CONFIG_NAMESPACE}:${name}`]),
) as { readonly [O in keyof typeof CONFIG_NAMES]: `ncloud:${(typeof CONFIG_NAMES)[O]}` };

/** The keys whose values are whole numbers: what each counts, for the error message. */
export const WHOLE_NUMBERS: Partial<Record<keyof typeof CONFIG_NAMES, string>> = {
  timeoutMs: "milliseconds per attempt, e.g. 30000",
  maxAttempts: "attempts per call, e.g. 3",
  maxResponseBytes: "bytes per answer, e.g. 10485760",
  maxSocketsPerOrigin: `sockets per origin from 1 to ${SOCKETS_PER_ORIGIN.max}, e.g. ${SOCKETS_PER_ORIGIN.default}`,
};

/** Upper bounds, where a key has one. */
const MAXIMUM: Partial<Record<keyof typeof CONFIG_NAMES, number>> = {
  maxSocketsPerOrigin: SOCKETS_PER_ORIGIN.max,
};

/**
 * Client options from stack config, leaving unset keys to the SDK's environment defaults.
 * `namespace` is the door's config namespace; errors name the key the user sets, with it.
 */
export function clientOptionsFromConfig(read: ConfigReader, namespace: string = DYNAMIC_CONFIG_NAMESPACE): NcloudClientOptions {
  const options: Record<string, unknown> = {};
  for (const [option, name] of Object.entries(CONFIG_NAMES) as Array<[keyof typeof CONFIG_NAMES, string]>) {
    const key = `${namespace}:${name}`;
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
