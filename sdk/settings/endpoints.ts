import { invalidInput } from "../errors/errors";
import { describeValue } from "../validate";

/**
 * Where each NCP service lives, by site, and which path Search Engine uses in which region
 * (docs/ncp-wire.md "Hosts"). Pure. An endpoint override (NCLOUD_API_URL, ncloud:endpoints, the
 * emulator) replaces scheme and host and keeps the path, so a stand-in can route on the path alone.
 */
export const SITES = ["public", "gov", "fin"] as const;
export type Site = (typeof SITES)[number];
/**
 * Any NCP region code (`KR`, `SGN`, `JPN`, `KRS`, `FKR`, `USWN`, …), upper-cased. Only Search
 * Engine reads it; teams export NCLOUD_REGION for terraform-provider-ncloud with any code, so
 * Sub Account, STS and NSML must not refuse one.
 */
export type Region = string;
export const SERVICES = ["subAccount", "sts", "nsml", "searchEngine"] as const;
export type Service = (typeof SERVICES)[number];

const DOMAIN: Record<Site, string> = {
  public: "apigw.ntruss.com",
  gov: "apigw.gov-ntruss.com",
  fin: "apigw.fin-ntruss.com",
};

/**
 * Host names per site. Documented: public all four; gov Sub Account and Search Engine
 * (api-gov.ncloud-docs.com); fin Sub Account `subaccount.apigw.fin-ntruss.com` (no `fin-`) and
 * Search Engine `fin-vpcsearchengine.apigw.fin-ntruss.com` (api-fin.ncloud-docs.com).
 * STS and NSML on gov/fin are not documented: they follow the Sub Account pattern of that site
 * (unverified in docs/ncp-wire.md; override them with `endpoints` if NCP says otherwise).
 */
const HOST_NAME: Record<Site, Record<Service, string>> = {
  public: { subAccount: "subaccount", sts: "sts", nsml: "nsml", searchEngine: "vpcsearchengine" },
  gov: { subAccount: "subaccount", sts: "sts", nsml: "nsml", searchEngine: "vpcsearchengine" },
  fin: { subAccount: "subaccount", sts: "sts", nsml: "nsml", searchEngine: "fin-vpcsearchengine" },
};

/**
 * Search Engine's path prefix per site and region code, as the analytics-vpcsearchengine pages of
 * each site list them: public KR/SGN/JPN
 * (https://api.ncloud-docs.com/docs/en/analytics-vpcsearchengine-snapshot-getbucketlist), gov KR and
 * the southern region KRS (api-gov.ncloud-docs.com), fin one region, FKR
 * (https://api-fin.ncloud-docs.com/docs/ko/analytics-vpcsearchengine-snapshot-getbucketlist). The
 * fin site also takes `KR`, the default region everywhere else, for the same one path.
 */
export const SEARCH_ENGINE_PATHS: Record<Site, Readonly<Record<string, string>>> = {
  public: { KR: "/api/v2", SGN: "/api/sgn-v2", JPN: "/api/jpn-v2" },
  gov: { KR: "/api/v2", KRS: "/api/krs-v2" },
  fin: { FKR: "/api/v2", KR: "/api/v2" },
};

/** The region Search Engine uses when none is configured. */
export const DEFAULT_REGION: Record<Site, Region> = { public: "KR", gov: "KR", fin: "FKR" };

const PATH_PREFIX: Record<Exclude<Service, "searchEngine">, string> = {
  subAccount: "/api/v1",
  sts: "/api/v1",
  nsml: "/nsml/v1",
};

/** NCP region codes are short upper-case words (`KR`, `USWN`, `FKR`); anything else is a typo. */
const REGION_CODE = /^[A-Z][A-Z0-9-]{0,15}$/;

/** `source` names where the value was set, for the message: "option site", "NCLOUD_SITE", "ncloud:site". */
export function parseSite(value: string, operation: string, source = "option site or NCLOUD_SITE"): Site {
  const site = value.trim().toLowerCase();
  if ((SITES as readonly string[]).includes(site)) return site as Site;
  throw invalidInput(operation, "site", `${JSON.stringify(value)} is not a known NCP site`, `set ${source} to public, gov or fin`);
}

/** A region code in NCP's spelling; any code is accepted, only its format is checked. */
export function parseRegion(value: unknown, operation: string): Region {
  // A JavaScript caller can pass anything as options.region: refuse it by name, never crash on it.
  const region = typeof value === "string" ? value.trim().toUpperCase() : undefined;
  if (region !== undefined && REGION_CODE.test(region)) return region;
  throw invalidInput(
    operation,
    "region",
    `${describeValue(value)} is not an NCP region code`,
    "use a region code such as KR, SGN, JPN, KRS or FKR (option region or NCLOUD_REGION)",
  );
}

function describePaths(site: Site): string {
  return Object.entries(SEARCH_ENGINE_PATHS[site])
    .map(([region, path]) => `${region} (${path})`)
    .join(", ");
}

/** Search Engine's path prefix for a region on a site; InvalidInput when that site has no Search Engine there. */
export function searchEnginePathPrefix(site: Site, region: Region, operation: string): string {
  const path = SEARCH_ENGINE_PATHS[site][region];
  if (path !== undefined) return path;
  throw invalidInput(
    operation,
    "region",
    `Search Engine is not offered in region ${region} on the ${site} site`,
    `use one of ${describePaths(site)} (the resource's region, option region or NCLOUD_REGION)`,
  );
}

/** `scheme://host` of a URL given as an endpoint override, or InvalidInput naming where it came from. */
export function overrideOrigin(endpoint: string, field: string, operation: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    // Not quoted: a mistyped URL can still hold a password.
    throw invalidInput(operation, field, "is not a URL", `set ${field} to e.g. http://127.0.0.1:8080`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw invalidInput(operation, field, "must be http or https", `set ${field} to an http(s) URL`);
  }
  if (url.username !== "" || url.password !== "") {
    throw invalidInput(
      operation,
      field,
      "the URL has credentials (user:password@) in it; NCP does not use them and they would be shown wherever the URL is",
      `remove the user:password@ part from ${field}`,
    );
  }
  return url.origin;
}

/** `scheme://host` for a service on a site, when nothing overrides it. */
export function siteOrigin(service: Service, site: Site): string {
  return `https://${HOST_NAME[site][service]}.${DOMAIN[site]}`;
}

/** The path every operation of Sub Account, STS and NSML starts with (Search Engine's depends on the region). */
export function servicePathPrefix(service: Exclude<Service, "searchEngine">): string {
  return PATH_PREFIX[service];
}
