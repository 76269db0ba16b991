import { STATUS_CODES } from "node:http";

/** What a route answers; the server turns it into bytes (or, under a fault, into less). */
export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export function reply(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return headers ? { status, body, headers } : { status, body };
}

/*
 * API Gateway errors: nested `{"error": {...}}` with string codes, unlike the flat service bodies.
 * See docs/ncp-wire.md, "Authentication".
 */

export function authenticationFailed(): Reply {
  return reply(401, {
    error: { errorCode: "200", message: "Authentication Failed", details: "Invalid authentication information." },
  });
}

export function invalidTimestamp(): Reply {
  return reply(401, {
    error: {
      errorCode: "200",
      message: "Authentication Failed",
      details: "Invalid timestamp: more than 5 minutes from server time.",
    },
  });
}

/** The gateway answers 401/210 "Permission Denied" (https://api-gov.ncloud-docs.com/docs/api-call-lgc-errorhandling). */
export function invalidApiKey(): Reply {
  return reply(401, { error: { errorCode: "210", message: "Permission Denied", details: "Invalid API key." } });
}

/** Over the API quota; `Retry-After` only when a wait is known. */
export function quotaExceeded(retryAfterSec?: number): Reply {
  return reply(
    429,
    { error: { errorCode: "400", message: "Quota Exceeded", details: "Request rate exceeds the API quota." } },
    retryAfterSec === undefined ? undefined : { "Retry-After": String(retryAfterSec) },
  );
}

export function notFound(): Reply {
  return reply(404, { error: { errorCode: "404", message: "Not Found" } });
}

/** The body a gateway (or the network in front of it) answers with for an injected status. */
export function gatewayError(status: number, retryAfterSec?: number): Reply {
  if (status === 429) return quotaExceeded(retryAfterSec);
  const headers = retryAfterSec === undefined ? undefined : { "Retry-After": String(retryAfterSec) };
  const message = STATUS_CODES[status] ?? "Error";
  return reply(status, { error: { errorCode: String(status), message } }, headers);
}

/** A flat service error as Sub Account, STS and NSML answer them: `{"errorCode", "message"}`. */
export function serviceError(status: number, errorCode: number, message: string): Reply {
  return reply(status, { errorCode, message });
}

/** The body is not JSON or lacks a field: the services answer 400 with the flat body. */
export function badRequest(message: string): Reply {
  return serviceError(400, 400, message);
}
