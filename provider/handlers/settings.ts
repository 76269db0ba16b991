import type { NcloudClientOptions } from "../../sdk";
// The modules themselves, not the SDK index: configure must not load undici or zod (cold start).
import { NcloudConfig } from "../../sdk/settings/config";
import { parseEndpointOverrides } from "../../sdk/settings/endpointOverrides";
import { parseSite } from "../../sdk/settings/endpoints";
import { type ClientNumber, booleanSetting, clientNumber } from "../../sdk/settings/settings";

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
  retryBaseMs: "retryBaseMs",
  maxResponseBytes: "maxResponseBytes",
  maxSocketsPerOrigin: "maxSocketsPerOrigin",
  allowInsecureHttp: "allowInsecureHttp",
  // `true`, or the name of the server's role: the SDK parses it (sdk/settings/serverRoleCredentials.ts).
  serverRole: "serverRole",
} as const;

/** The config namespace of the dynamic resources (`ncloud:accessKey`). */
export const DYNAMIC_CONFIG_NAMESPACE = "ncloud";

/** The dynamic resources' stack config keys, e.g. `ncloud:accessKey`. */
export const CONFIG_KEYS = Object.fromEntries(
  Object.entries(CONFIG_NAMES).map(([option, name]) => [option, `${DYNAMIC_CONFIG_NAMESPACE}:${name}`]),
) as { readonly [O in keyof typeof CONFIG_NAMES]: `ncloud:${(typeof CONFIG_NAMES)[O]}` };

/** The keys whose values are whole numbers, each with the SDK's range for it. */
export const WHOLE_NUMBERS: ReadonlySet<string> = new Set<ClientNumber>(["timeoutMs", "maxAttempts", "retryBaseMs", "maxResponseBytes", "maxSocketsPerOrigin"]);

/**
 * Client options from stack config, leaving unset keys to the SDK's environment defaults. Every
 * value is checked here, as strictly as the SDK checks it, so a bad one fails `configure` (and with
 * it `pulumi preview`) naming the key, before any request. `namespace` is the door's config
 * namespace; errors name the key the user sets, with it.
 */
export function clientOptionsFromConfig(read: ConfigReader, namespace: string = DYNAMIC_CONFIG_NAMESPACE): NcloudClientOptions {
  const options: Record<string, unknown> = {};
  for (const [option, name] of Object.entries(CONFIG_NAMES) as Array<[keyof typeof CONFIG_NAMES, string]>) {
    const key = `${namespace}:${name}`;
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
export function checkedClientOptions(
  read: ConfigReader,
  env: Record<string, string | undefined> = process.env,
  namespace: string = DYNAMIC_CONFIG_NAMESPACE,
): NcloudClientOptions {
  const options = clientOptionsFromConfig(read, namespace);
  new NcloudConfig({ ...options, env }).checkSettings("config.configure");
  return options;
}

/** Keys whose values are secrets: `pulumi config set --secret` for them. */
const SECRET_KEYS: ReadonlySet<string> = new Set([CONFIG_KEYS.secretKey, CONFIG_KEYS.apiKey]);

/**
 * Edit distance counting a swap of two neighbours as one edit (optimal string alignment), so
 * `regoin` is one edit from `region`. Case is ignored: `ncloud:apiurl` is `ncloud:apiUrl` mistyped.
 */
function editDistance(a: string, b: string): number {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  const d = Array.from({ length: x.length + 1 }, (_, i) => Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[x.length][y.length];
}

/** Each `ncloud:*` key of `keys` the provider does not read, with the known key closest to it. */
export function unknownConfigKeys(keys: readonly string[]): Array<{ key: string; closest: string }> {
  const known: readonly string[] = Object.values(CONFIG_KEYS);
  return keys
    .filter((key) => key.startsWith("ncloud:") && !known.includes(key))
    .map((key) => {
      // Bounded: a key longer than any setting is compared by its first 64 characters.
      const name = key.slice("ncloud:".length, "ncloud:".length + 64);
      const closest = known.reduce((best, candidate) =>
        editDistance(name, candidate.slice("ncloud:".length)) < editDistance(name, best.slice("ncloud:".length)) ? candidate : best,
      );
      return { key, closest };
    });
}

/** The warning for a stack config key the provider does not read: it names the closest one and how to move the value. */
export function unknownConfigKeyWarning({ key, closest }: { key: string; closest: string }): string {
  const set = `pulumi config set${SECRET_KEYS.has(closest) ? " --secret" : ""} ${closest} <value>`;
  return (
    `stack config ${key} is not a setting of pulumi-ncloud-keys, so it is ignored: did you mean ${closest}? ` +
    `Fix: pulumi config rm ${key}, then ${set} (leave it if another package reads it)`
  );
}
