import type { NcloudClientOptions } from "../../sdk";

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
} as const;

/** Client options from stack config, leaving unset keys to the SDK's environment defaults. */
export function clientOptionsFromConfig(read: ConfigReader): NcloudClientOptions {
  const options: Record<string, string> = {};
  for (const [option, key] of Object.entries(CONFIG_KEYS)) {
    const value = read(key);
    if (value !== undefined && value !== "") options[option] = value;
  }
  return options as NcloudClientOptions;
}
