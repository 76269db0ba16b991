import type { ServerResponse } from "node:http";
import type { Reply } from "./reply";

/*
 * Turning a Reply into bytes on the wire: normally, or broken the ways a real network and gateway
 * break them. Each returns the status that went out, for the request log.
 */

const JSON_TYPE = "application/json;charset=UTF-8";

/** A reply's body bytes; none when the reply has no body (NSML create and delete document none). */
function bodyBytes(reply: Reply): Buffer {
  return reply.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(reply.body));
}

export function writeReply(res: ServerResponse, reply: Reply, date: string): number {
  return write(res, reply.status, JSON_TYPE, bodyBytes(reply), date, reply.headers);
}

/** `200` with an HTML body, as a misbehaving proxy answers: not JSON at all. */
export function writeMalformed(res: ServerResponse, date: string): number {
  const html = "<html><head><title>502 Bad Gateway</title></head><body>upstream hiccup</body></html>";
  return write(res, 200, "text/html;charset=UTF-8", Buffer.from(html), date);
}

/** A plain-text answer, as a proxy in front of the gateway sends its own errors. */
export function writePlain(res: ServerResponse, status: number, text: string, date: string): number {
  return write(res, status, "text/plain", Buffer.from(text), date);
}

/** The real JSON cut in half, with a Content-Length that matches the cut body. */
export function writeTruncated(res: ServerResponse, reply: Reply, date: string): number {
  const full = bodyBytes(reply);
  return write(res, reply.status, JSON_TYPE, full.subarray(0, Math.floor(full.length / 2)), date, reply.headers);
}

function write(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: Buffer,
  date: string,
  headers: Record<string, string> = {},
): number {
  res.statusCode = status;
  // Set explicitly so it follows the emulator's (possibly skewed) clock, not the host's.
  res.setHeader("Date", date);
  res.setHeader("Content-Type", contentType);
  res.setHeader("Content-Length", body.length);
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.end(body);
  return status;
}
