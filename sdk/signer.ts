import { createHmac } from "node:crypto";

/**
 * NCP API Gateway signature v2.
 * https://api.ncloud-docs.com/docs/en/common-ncpapi
 *
 * Pure functions: signing never sends anything and never reads the clock; the caller passes the
 * timestamp. Both the client transport and the emulator sign through this module, so the string
 * that is signed is built in exactly one place.
 */

export const HEADER_TIMESTAMP = "x-ncp-apigw-timestamp";
export const HEADER_ACCESS_KEY = "x-ncp-iam-access-key";
export const HEADER_SIGNATURE = "x-ncp-apigw-signature-v2";
export const HEADER_API_KEY = "x-ncp-apigw-api-key";

export interface SigningInput {
  /** HTTP method, any case; signed upper-cased. */
  method: string;
  /** Path and query exactly as they go on the wire, e.g. `/api/v1/credentials?x=1`. */
  pathAndQuery: string;
  /** Milliseconds since the epoch, as a decimal string or number. */
  timestamp: number | string;
  accessKey: string;
  secretKey: string;
}

/** `METHOD␠PATH?QUERY\nTIMESTAMP\nACCESS_KEY`. */
export function stringToSign(input: Omit<SigningInput, "secretKey">): string {
  return `${input.method.toUpperCase()} ${input.pathAndQuery}\n${input.timestamp}\n${input.accessKey}`;
}

/** Base64 HMAC-SHA256 of the string to sign, keyed with the secret key. */
export function signature(input: SigningInput): string {
  return createHmac("sha256", input.secretKey).update(stringToSign(input)).digest("base64");
}

export type SignedHeaders = Record<string, string>;

/**
 * The headers that authenticate one request. `apiKey` adds `x-ncp-apigw-api-key`, which CLOVA
 * NSML requires in addition to the signature.
 */
export function signedHeaders(input: SigningInput & { apiKey?: string }): SignedHeaders {
  const headers: SignedHeaders = {
    [HEADER_TIMESTAMP]: String(input.timestamp),
    [HEADER_ACCESS_KEY]: input.accessKey,
    [HEADER_SIGNATURE]: signature(input),
  };
  if (input.apiKey) headers[HEADER_API_KEY] = input.apiKey;
  return headers;
}
