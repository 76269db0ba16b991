import { timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { HEADER_ACCESS_KEY, HEADER_API_KEY, HEADER_SIGNATURE, HEADER_TIMESTAMP, signature } from "../signer";
import { authenticationFailed, invalidApiKey, invalidTimestamp, type Reply } from "./reply";

/** The API Gateway's allowed clock difference between caller and server. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

export interface GatewayKeys {
  accessKey: string;
  secretKey: string;
  /** Required (as `x-ncp-apigw-api-key`) on CLOVA NSML paths only. */
  apiKey: string;
}

export interface SignedRequest {
  method: string;
  /** The path and query exactly as received (`req.url`): the signature covers those bytes. */
  rawUrl: string;
  headers: IncomingHttpHeaders;
}

/**
 * What the API Gateway checks before a request reaches a service: the timestamp, the access key,
 * signature v2, and the NSML API key. Undefined when the request passes; otherwise the error the
 * gateway answers. The secret key never leaves this function.
 */
export function authenticate(request: SignedRequest, keys: GatewayKeys, nowMs: number): Reply | undefined {
  const timestamp = header(request.headers, HEADER_TIMESTAMP);
  const accessKey = header(request.headers, HEADER_ACCESS_KEY);
  const given = header(request.headers, HEADER_SIGNATURE);
  if (timestamp === undefined || accessKey === undefined || given === undefined) return authenticationFailed();
  if (!/^\d+$/.test(timestamp) || Math.abs(Number(timestamp) - nowMs) > MAX_CLOCK_SKEW_MS) return invalidTimestamp();
  if (accessKey !== keys.accessKey) return authenticationFailed();
  const expected = signature({
    method: request.method,
    pathAndQuery: request.rawUrl,
    timestamp,
    accessKey,
    secretKey: keys.secretKey,
  });
  if (!sameText(given, expected)) return authenticationFailed();
  const path = request.rawUrl.split("?", 1)[0];
  if (path.startsWith("/nsml/")) {
    const apiKey = header(request.headers, HEADER_API_KEY);
    if (apiKey === undefined || !sameText(apiKey, keys.apiKey)) return invalidApiKey();
  }
  return undefined;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return typeof value === "string" ? value : undefined;
}

/** Constant-time comparison, so timing does not reveal how much of a signature was right. */
function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
