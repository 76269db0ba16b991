/**
 * `NCLOUD_API_GW`, read as NCP's SDKs read it. ncloud-sdk-go-v2, ncloud-sdk-java (`ApiClient.java`)
 * and ncloud-sdk-python take it as the API Gateway origin in place of
 * `https://ncloud.apigw.ntruss.com`; terraform-provider-ncloud sets it to
 * `https://ncloud.apigw.gov-ntruss.com` for site gov and `https://fin-ncloud.apigw.fin-ntruss.com`
 * for fin (`internal/provider/provider.go`), and the Go SDK's Search Engine client turns such a value
 * into its own host by swapping the first label (`services/vses2/configuration.go`: `ncloud.` →
 * `vpcsearchengine.`, `fin-ncloud.` → `fin-vpcsearchengine.`), while any other value is used as the
 * origin as it is.
 *
 * The services here have their own hosts per site (endpoints.ts), so:
 * - one of NCP's three gateway origins names the site: public, gov or fin (hosts as the site has
 *   them, which for Search Engine are the hosts Go derives);
 * - any other value replaces every service's scheme and host, keeping its path, like
 *   `NCLOUD_API_URL` (a proxy, the emulator).
 * Either way it yields to the explicit settings: ncloud:site / NCLOUD_SITE, ncloud:apiUrl /
 * NCLOUD_API_URL and ncloud:endpoints win over it.
 */
const GATEWAY_SITES: Record<string, string> = {
  "https://ncloud.apigw.ntruss.com": "public",
  "https://ncloud.apigw.gov-ntruss.com": "gov",
  "https://fin-ncloud.apigw.fin-ntruss.com": "fin",
};

function trimmed(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

/** The origin of `value` when it parses as a URL (lower-case host, no trailing slash). */
function originOf(value: string): string | undefined {
  try {
    return new URL(value).origin;
  } catch {
    return undefined;
  }
}

/** The site NCLOUD_API_GW names, when it is one of NCP's gateway origins. */
export function apiGatewaySite(value: string | undefined): string | undefined {
  const given = trimmed(value);
  const origin = given === undefined ? undefined : originOf(given);
  return origin === undefined ? undefined : GATEWAY_SITES[origin];
}

/**
 * NCLOUD_API_GW as an endpoint for every service, when it is not one of NCP's gateway origins.
 * A value that is not a URL is returned as it is, so the endpoint check names it.
 */
export function apiGatewayEndpoint(value: string | undefined): string | undefined {
  const given = trimmed(value);
  if (given === undefined) return undefined;
  return apiGatewaySite(given) === undefined ? given : undefined;
}
