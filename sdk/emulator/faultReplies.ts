import type { IncomingHttpHeaders } from "node:http";
import { STATUS_CODES } from "node:http";
import { type Reply, gatewayError, reply } from "./reply";

/*
 * What a misbehaving layer in front of NCP answers, for the fault rules that need more than a
 * status: a redirect, an error page that echoes the request, a proxy's 503 after the backend
 * committed.
 */

/** A 3xx as an http→https upgrade or a moved gateway answers it. */
export function redirectReply(status: number, location: string): Reply {
  return reply(status, { error: { errorCode: String(status), message: STATUS_CODES[status] ?? "Redirect" } }, { Location: location });
}

/**
 * An error body that reflects the request headers, as debug pages and some gateways do: once as a
 * JSON object and once as `name: value` text, so both shapes reach the client's error handling.
 */
export function echoReply(status: number, headers: IncomingHttpHeaders): Reply {
  const text = Object.entries(headers)
    .map(([name, value]) => `${name}: ${Array.isArray(value) ? value.join(", ") : value}`)
    .join("; ");
  const { error } = gatewayError(status).body as { error: Record<string, string> };
  return reply(status, { error: { ...error, details: `request was ${text}` }, request: { headers } });
}

/**
 * Envoy's answer when the upstream connection breaks after the request was forwarded: the backend
 * may well have committed. Plain text, as Envoy sends it.
 */
export const UPSTREAM_RESET_TEXT = "upstream connect error or disconnect/reset before headers. reset reason: connection termination";
