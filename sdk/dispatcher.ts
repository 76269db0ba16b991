import { Agent, type Dispatcher, EnvHttpProxyAgent } from "undici";

/**
 * The client's own pool: a plain keep-alive Agent, or undici's EnvHttpProxyAgent when the
 * environment names a proxy (HTTPS_PROXY / HTTP_PROXY, honouring NO_PROXY). undici's own timers
 * stay as a backstop; the exchange's deadline is the one that counts.
 */
export function ownDispatcher(env: Record<string, string | undefined>, timeoutMs: number): Dispatcher {
  const options = { connect: { timeout: timeoutMs }, headersTimeout: timeoutMs, bodyTimeout: timeoutMs };
  const httpProxy = env.HTTP_PROXY || env.http_proxy || "";
  const httpsProxy = env.HTTPS_PROXY || env.https_proxy || "";
  if (httpProxy === "" && httpsProxy === "") return new Agent(options);
  // Pass every value explicitly ("" for unset) so undici does not read process.env behind our back.
  return new EnvHttpProxyAgent({ ...options, httpProxy, httpsProxy, noProxy: env.NO_PROXY || env.no_proxy || "" });
}
