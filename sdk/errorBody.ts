/**
 * NCP answers errors in several shapes depending on which layer answered:
 * - the API Gateway: `{"error":{"errorCode":"200","message":"...","details":"..."}}`
 * - Sub Account, STS, NSML services: `{"errorCode":9012,"message":"..."}`
 * - Search Engine: `{"code":5001,"message":"...","result":null,"requestId":"..."}`
 * - a proxy or load balancer in between: plain text or HTML.
 * This module turns any of them into one shape. Pure.
 */
export interface ParsedErrorBody {
  code?: string;
  message?: string;
  details?: string;
  requestId?: string;
}

function text(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Longest plain-text body we quote in an error message. */
const MAX_TEXT = 200;

export function parseErrorBody(raw: string): ParsedErrorBody {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    const plain = raw.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim();
    return plain ? { message: plain.slice(0, MAX_TEXT) } : {};
  }
  if (!isRecord(json)) return {};
  const requestId = text(json.requestId);
  if (isRecord(json.error)) {
    const e = json.error;
    return {
      code: text(e.errorCode) ?? text(e.code),
      message: text(e.message),
      details: text(e.details),
      requestId,
    };
  }
  return {
    code: text(json.errorCode) ?? text(json.code) ?? text(json.returnCode),
    message: text(json.message) ?? text(json.returnMessage),
    details: text(json.details),
    requestId,
  };
}

/** Whether a 401 body blames the request timestamp rather than the keys. */
export function blamesTimestamp(body: ParsedErrorBody): boolean {
  return /timestamp/i.test(`${body.message ?? ""} ${body.details ?? ""}`);
}
