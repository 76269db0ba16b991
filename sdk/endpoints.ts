import { invalidInput } from "./errors";
import { describeValue } from "./validate";

/**
 * Where each NCP service lives, by site and region (docs/ncp-wire.md "Hosts"). Pure.
 * An endpoint override (NCLOUD_API_URL, the emulator) replaces scheme and host and keeps the path,
 * so a stand-in can route on the path alone.
 */
export const SITES = ["public", "gov", "fin"] as const;
export type Site = (typeof SITES)[number];
export const REGIONS = ["KR", "SGN", "JPN"] as const;
export type Region = (typeof REGIONS)[number];
export type Service = "subAccount" | "sts" | "nsml" | "searchEngine";

const DOMAIN: Record<Site, string> = {
  public: "apigw.ntruss.com",
  gov: "apigw.gov-ntruss.com",
  fin: "apigw.fin-ntruss.com",
};

const HOST_NAME: Record<Service, string> = {
  subAccount: "subaccount",
  sts: "sts",
  nsml: "nsml",
  searchEngine: "vpcsearchengine",
};

/** NCP puts a `fin-` in front of these hosts on the financial site; NSML has none. */
const FIN_PREFIXED: ReadonlySet<Service> = new Set<Service>(["subAccount", "sts", "searchEngine"]);

const SEARCH_ENGINE_PREFIX: Record<Region, string> = { KR: "/api/v2", SGN: "/api/sgn-v2", JPN: "/api/jpn-v2" };

const PATH_PREFIX: Record<Exclude<Service, "searchEngine">, string> = {
  subAccount: "/api/v1",
  sts: "/api/v1",
  nsml: "/nsml/v1",
};

export function parseSite(value: string, operation: string): Site {
  const site = value.trim().toLowerCase();
  if ((SITES as readonly string[]).includes(site)) return site as Site;
  throw invalidInput(operation, "site", `"${value}" is not a known NCP site`, "use public, gov or fin (option site or NCLOUD_SITE)");
}

export function parseRegion(value: unknown, operation: string): Region {
  // A JavaScript caller can pass anything as options.region: refuse it by name, never crash on it.
  const region = typeof value === "string" ? value.trim().toUpperCase() : undefined;
  if (region !== undefined && (REGIONS as readonly string[]).includes(region)) return region as Region;
  throw invalidInput(operation, "region", `${describeValue(value)} is not a supported region`, "use KR, SGN or JPN (option region or NCLOUD_REGION)");
}

/** `scheme://host` for a service, from the site or the override. */
export function serviceOrigin(service: Service, site: Site, endpoint: string | undefined, operation: string): string {
  if (endpoint !== undefined && endpoint !== "") {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      throw invalidInput(operation, "endpoint", `"${endpoint}" is not a URL`, "set endpoint / NCLOUD_API_URL to e.g. http://127.0.0.1:8080");
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw invalidInput(operation, "endpoint", "must be http or https", "set endpoint / NCLOUD_API_URL to an http(s) URL");
    }
    return url.origin;
  }
  const prefix = site === "fin" && FIN_PREFIXED.has(service) ? "fin-" : "";
  return `https://${prefix}${HOST_NAME[service]}.${DOMAIN[site]}`;
}

/** The path every operation of a service starts with. */
export function servicePathPrefix(service: Service, region: Region): string {
  return service === "searchEngine" ? SEARCH_ENGINE_PREFIX[region] : PATH_PREFIX[service];
}
