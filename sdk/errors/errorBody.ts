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

/**
 * Longest field kept from a body. Not the length quoted in a message: failure.ts redacts first and
 * shortens after, so a secret straddling the cut is redacted whole (this margin holds the longest
 * secret in any encoding past the quoted length).
 */
export const MAX_FIELD = 4096;

/** Plain-text bodies are only looked at this far: enough for any proxy's error page. */
export const MAX_PLAIN = 64 * 1024;

function bounded(value: string | undefined): string | undefined {
  return value === undefined ? undefined : value.slice(0, MAX_FIELD);
}

/**
 * Text without its HTML tags, in one pass. (A regex such as /<[^>]*>/g rescans the rest of the
 * body from every `<` that has no `>`: quadratic, 15 s of frozen process for 200 KB of `<`.)
 */
export function stripTags(html: string): string {
  let out = "";
  let at = 0;
  while (at < html.length) {
    const open = html.indexOf("<", at);
    if (open < 0) return out + html.slice(at);
    const close = html.indexOf(">", open + 1);
    if (close < 0) return out + html.slice(at);
    out += `${html.slice(at, open)} `;
    at = close + 1;
  }
  return out;
}

export function parseErrorBody(raw: string): ParsedErrorBody {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    const plain = stripTags(raw.slice(0, MAX_PLAIN)).replace(/\s+/g, " ").trim();
    return plain ? { message: plain.slice(0, MAX_FIELD) } : {};
  }
  if (!isRecord(json)) return {};
  const requestId = bounded(text(json.requestId));
  if (isRecord(json.error)) {
    const e = json.error;
    return {
      code: bounded(text(e.errorCode) ?? text(e.code)),
      message: bounded(text(e.message)),
      details: bounded(text(e.details)),
      requestId,
    };
  }
  return {
    code: bounded(text(json.errorCode) ?? text(json.code) ?? text(json.returnCode)),
    message: bounded(text(json.message) ?? text(json.returnMessage)),
    details: bounded(text(json.details)),
    requestId,
  };
}

/** Whether a 401 body blames the request timestamp rather than the keys. */
export function blamesTimestamp(body: ParsedErrorBody): boolean {
  return /timestamp/i.test(`${body.message ?? ""} ${body.details ?? ""}`);
}
