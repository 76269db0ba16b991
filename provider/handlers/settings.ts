import type { NcloudClientOptions } from "../../sdk";
// The modules themselves, not the SDK index: configure must not load undici or zod (cold start).
import { NcloudConfig } from "../../sdk/config";
import { parseEndpointOverrides } from "../../sdk/endpointOverrides";
import { parseSite } from "../../sdk/endpoints";
import { type ClientNumber, booleanSetting, clientNumber } from "../../sdk/settings";

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
  allowInsecureHttp: "ncloud:allowInsecureHttp",
} as const;

/** The keys whose values are whole numbers, each with the SDK's range for it. */
const WHOLE_NUMBERS: ReadonlySet<string> = new Set<ClientNumber>(["timeoutMs", "maxAttempts", "maxResponseBytes"]);

/**
 * Client options from stack config, leaving unset keys to the SDK's environment defaults. Every
 * value is checked here, as strictly as the SDK checks it, so a bad one fails `configure` (and with
 * it `pulumi preview`) naming the key, before any request.
 */
export function clientOptionsFromConfig(read: ConfigReader): NcloudClientOptions {
  const options: Record<string, unknown> = {};
  for (const [option, key] of Object.entries(CONFIG_KEYS) as Array<[keyof typeof CONFIG_KEYS, string]>) {
    const value = read(key);
    if (value === undefined || value === "") continue;
    if (option === "allowInsecureHttp") options[option] = booleanSetting(value, key);
    // Checked here so an unknown service name fails `pulumi preview` naming ncloud:endpoints.
    else if (option === "endpoints") options.endpoints = parseEndpointOverrides(value, key, "config.endpoints");
    else if (option === "site") options.site = parseSite(value, "config.site", key);
    else if (WHOLE_NUMBERS.has(option)) options[option] = clientNumber(option as ClientNumber, value, key);
    else options[option] = value;
  }
  return options as NcloudClientOptions;
}

/**
 * Stack config and the `NCLOUD_*` variables the SDK will read, checked together: what configure
 * calls. The environment's booleans, site and endpoints fail here, naming the variable, instead of
 * at the first request.
 */
export function checkedClientOptions(read: ConfigReader, env: Record<string, string | undefined> = process.env): NcloudClientOptions {
  const options = clientOptionsFromConfig(read);
  new NcloudConfig({ ...options, env }).checkSettings("config.configure");
  return options;
}
