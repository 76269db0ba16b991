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

/**
 * The API Gateway's own codes by HTTP status, as its error page documents them
 * (https://api-gov.ncloud-docs.com/docs/api-call-lgc-errorhandling): the code is not the status.
 * 401 (200 or 210) and 429 (400, 410 or 420) have their own replies above.
 */
const GATEWAY_CODES: Record<number, { errorCode: string; message: string }> = {
  400: { errorCode: "100", message: "Bad Request Exception" },
  401: { errorCode: "200", message: "Authentication Failed" },
  404: { errorCode: "300", message: "Not Found Exception" },
  413: { errorCode: "430", message: "Request Entity Too Large" },
  500: { errorCode: "900", message: "Unexpected Error" },
  503: { errorCode: "500", message: "Endpoint Error" },
  504: { errorCode: "510", message: "Endpoint Timeout" },
};

/** A path no API serves: the gateway's 404/300. */
export function notFound(): Reply {
  return gatewayError(404);
}

/**
 * The body the gateway answers with for a status it produces itself (an injected fault, a body too
 * large): its documented code. A status the gateway does not document (502, say) comes from the
 * network in front of it, which knows no gateway code: the body then has a message only.
 */
export function gatewayError(status: number, retryAfterSec?: number): Reply {
  if (status === 429) return quotaExceeded(retryAfterSec);
  const headers = retryAfterSec === undefined ? undefined : { "Retry-After": String(retryAfterSec) };
  const error = GATEWAY_CODES[status] ?? { message: STATUS_CODES[status] ?? "Error" };
  return reply(status, { error }, headers);
}

/** A flat service error as Sub Account, STS and NSML answer them: `{"errorCode", "message"}`. */
export function serviceError(status: number, errorCode: number, message: string): Reply {
  return reply(status, { errorCode, message });
}

/** The body is not JSON or lacks a field: the services answer 400 with the flat body. */
export function badRequest(message: string): Reply {
  return serviceError(400, 400, message);
}

/**
 * A CLOVA NSML error: its status table has no code column, only the status and its message
 * (https://api.ncloud-docs.com/docs/ja/ai-application-service-clovansml, "レスポンスステータスコード":
 * 400 Bad Request, 401 Unauthorized, 403 Forbidden, 404 Not Found, 406 Not Accepted, 500 Internal
 * Server Error). The body's shape is not documented: a message, and no code.
 */
export function nsmlError(status: 400 | 404, details?: string): Reply {
  const message = status === 404 ? "Not Found" : "Bad Request";
  return reply(status, details === undefined ? { message } : { message, details });
}
