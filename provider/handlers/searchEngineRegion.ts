import type { NcloudClientOptions } from "../../sdk";
import { DEFAULT_REGION, SEARCH_ENGINE_PATHS, type Site, parseRegion, parseSite } from "../../sdk/settings/endpoints";
import { CONFIG_KEYS } from "./settings";

/**
 * Which Search Engine region a SearchSnapshotAuthKey will use, and whether its site offers it, as
 * `check` can tell before anything is sent: the resource's `region`, else `ncloud:region`, else
 * NCLOUD_REGION, else the site's default. Without this a bad region failed only at create, after
 * the program had already made the access key it was about to hand over.
 */
export interface RegionSettings {
  site: Site;
  /** Where the site came from, for the message. */
  siteSource: string;
  /** The region set for every resource, and where: `ncloud:region` or NCLOUD_REGION. */
  configured?: { region: string; source: string };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

/** The settings `check` judges a region by: what configure read, and the host's environment. */
export function regionSettings(options: NcloudClientOptions, env: Record<string, string | undefined>): RegionSettings {
  // configure has already refused a site that is not public, gov or fin.
  const siteSource = options.site !== undefined ? CONFIG_KEYS.site : nonEmpty(env.NCLOUD_SITE) !== undefined ? "NCLOUD_SITE" : "the default site";
  const site = parseSite(options.site ?? nonEmpty(env.NCLOUD_SITE) ?? "public", "config.site");
  const fromConfig = nonEmpty(options.region);
  const fromEnv = nonEmpty(env.NCLOUD_REGION);
  const configured =
    fromConfig !== undefined ? { region: fromConfig, source: CONFIG_KEYS.region } : fromEnv !== undefined ? { region: fromEnv, source: "NCLOUD_REGION" } : undefined;
  return { site, siteSource, configured };
}

/**
 * Why the region is refused, naming where it came from; undefined when the site offers it. Any
 * region code may be configured (terraform-provider-ncloud reads NCLOUD_REGION too): only a
 * resource that would use it is refused.
 */
export function regionFailure(resourceRegion: string | undefined, settings: RegionSettings): string | undefined {
  const [given, source] =
    resourceRegion !== undefined ? [resourceRegion, "region"] : settings.configured ? [settings.configured.region, settings.configured.source] : [undefined, ""];
  if (given === undefined) return undefined; // the site's default, always offered
  const offered = SEARCH_ENGINE_PATHS[settings.site];
  let region: string;
  try {
    region = parseRegion(given, "config.region");
  } catch {
    region = "";
  }
  if (region !== "" && offered[region] !== undefined) return undefined;
  const regions = Object.keys(offered).join(", ");
  const fix =
    source === "region"
      ? `set this resource's region to one of ${regions}`
      : `set this resource's region to one of ${regions} (${source} may be meant for other tools), or change ${source}; ` +
        `left unset everywhere, the ${settings.site} site's default ${DEFAULT_REGION[settings.site]} is used`;
  return (
    `${source} is ${JSON.stringify(given)}, and Search Engine on the ${settings.site} site (${settings.siteSource}) is offered only in ` +
    `${Object.entries(offered).map(([code, path]) => `${code} (${path})`).join(", ")}. Fix: ${fix}`
  );
}
