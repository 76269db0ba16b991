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
  /**
   * The secret of another key the gateway accepts, if `accessKey` is one: temporary credentials
   * STS issued, until they expire. Undefined for an unknown key.
   */
  temporarySecret?(accessKey: string): string | undefined;
}

/** Who signed a request that passed: the access key, for the services that answer about it. */
export interface Caller {
  accessKey: string;
}

export interface SignedRequest {
  method: string;
  /** The path and query exactly as received (`req.url`): the signature covers those bytes. */
  rawUrl: string;
  headers: IncomingHttpHeaders;
}

/**
 * What the API Gateway checks before a request reaches a service: the timestamp, the access key,
 * signature v2, and the NSML API key. The caller when the request passes; otherwise the error the
 * gateway answers. The secret key never leaves this function.
 */
export function authenticate(request: SignedRequest, keys: GatewayKeys, nowMs: number): { denied: Reply } | { caller: Caller } {
  const denied = (reply: Reply) => ({ denied: reply });
  const timestamp = header(request.headers, HEADER_TIMESTAMP);
  const accessKey = header(request.headers, HEADER_ACCESS_KEY);
  const given = header(request.headers, HEADER_SIGNATURE);
  if (timestamp === undefined || accessKey === undefined || given === undefined) return denied(authenticationFailed());
  if (!/^\d+$/.test(timestamp) || Math.abs(Number(timestamp) - nowMs) > MAX_CLOCK_SKEW_MS) return denied(invalidTimestamp());
  const secretKey = accessKey === keys.accessKey ? keys.secretKey : keys.temporarySecret?.(accessKey);
  if (secretKey === undefined) return denied(authenticationFailed());
  const expected = signature({ method: request.method, pathAndQuery: request.rawUrl, timestamp, accessKey, secretKey });
  if (!sameText(given, expected)) return denied(authenticationFailed());
  const path = request.rawUrl.split("?", 1)[0];
  if (path.startsWith("/nsml/")) {
    const apiKey = header(request.headers, HEADER_API_KEY);
    if (apiKey === undefined || !sameText(apiKey, keys.apiKey)) return denied(invalidApiKey());
  }
  return { caller: { accessKey } };
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
