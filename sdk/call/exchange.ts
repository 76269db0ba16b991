import type { Dispatcher } from "undici";
import { errorCode } from "./retry";

/**
 * One exchange: a request out, its answer in, or why not. The only code that touches undici.
 *
 * Why a raw dispatch handler and not `request()` with an AbortSignal: the deadline must cover the
 * whole attempt, connect to last byte, whatever the server does (a drip of one byte every two
 * seconds restarts undici's body timeout each time; 1xx answers restart its headers timeout). An
 * AbortSignal per request costs undici ~10–25 µs; one timer that aborts through the dispatch
 * controller ~1–4 µs (scripts/bench/deadline.ts measures both; numbers in tests/bench/README.md).
 * The handler also counts the body as it streams in, so an answer past the size cap is cut off, never
 * buffered whole (undici's own `maxResponseSize` is an Agent option: it would not bound a
 * dispatcher the user passes in).
 */
export interface ExchangeRequest {
  origin: string;
  path: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

export interface ExchangeLimits {
  /** The whole attempt, connect to last byte, ms. */
  timeoutMs: number;
  /** Largest answer body read, bytes. */
  maxResponseBytes: number;
}

export type Exchange =
  | { kind: "response"; status: number; text: string; header: (name: string) => string | undefined }
  /** No (complete) answer: `code` is the Node or undici error code, or ATTEMPT_TIMEOUT. */
  | { kind: "network"; code: string; error: unknown }
  /** The answer's body passed maxResponseBytes: reading stopped there. */
  | { kind: "tooLarge"; status: number; header: (name: string) => string | undefined };

/** Our code for an attempt cut off by the timeoutMs deadline. */
export const ATTEMPT_TIMEOUT = "ETIMEDOUT";

/**
 * Our code for an attempt whose deadline passed before undici started writing it: still waiting
 * for a free socket (the pool is capped, maxSocketsPerOrigin) or for its connection. Not a byte of
 * it was sent, so even a POST may be sent again (retry.ts).
 */
export const TIMEOUT_BEFORE_SENDING = "ETIMEDOUT_BEFORE_SENDING";

type Headers = Record<string, string | string[] | undefined>;

function headerReader(headers: Headers): (name: string) => string | undefined {
  return (name) => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
}

export function exchange(dispatcher: Dispatcher, request: ExchangeRequest, limits: ExchangeLimits): Promise<Exchange> {
  return new Promise<Exchange>((resolve) => {
    let settled = false;
    let controller: Dispatcher.DispatchController | undefined;
    let status = 0;
    let headers: Headers = {};
    let size = 0;
    const chunks: Buffer[] = [];

    const finish = (result: Exchange): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const stop = (reason: Error): void => {
      if (controller && !controller.aborted) controller.abort(reason);
    };
    // Settle first, then abort: the abort calls onResponseError at once, which must not win.
    const tooLarge = (): void => {
      finish({ kind: "tooLarge", status, header: headerReader(headers) });
      stop(new Error("response larger than maxResponseBytes"));
    };

    const timer = setTimeout(() => {
      // onRequestStart comes before undici writes a byte (and after any proxy tunnel is up).
      const sent = controller !== undefined;
      const error = new Error(`attempt deadline of ${limits.timeoutMs} ms passed${sent ? "" : " before the request was sent"}`);
      finish({ kind: "network", code: sent ? ATTEMPT_TIMEOUT : TIMEOUT_BEFORE_SENDING, error });
      stop(error);
    }, limits.timeoutMs);

    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(c) {
        controller = c;
        // The deadline passed while undici was still connecting: do not send at all.
        if (settled) c.abort(new Error("attempt deadline passed before sending"));
      },
      onResponseStart(_c, statusCode, responseHeaders) {
        // 1xx answers are interim (RFC 9110 15.2): the deadline keeps running through them.
        if (statusCode < 200) return;
        status = statusCode;
        headers = responseHeaders as Headers;
        const declared = Number(headerReader(headers)("content-length"));
        if (Number.isFinite(declared) && declared > limits.maxResponseBytes) tooLarge();
      },
      onResponseData(_c, chunk) {
        if (settled) return;
        size += chunk.length;
        if (size > limits.maxResponseBytes) return tooLarge();
        chunks.push(chunk);
      },
      onResponseEnd() {
        finish({ kind: "response", status, text: Buffer.concat(chunks).toString("utf8"), header: headerReader(headers) });
      },
      onResponseError(_c, error) {
        finish({ kind: "network", code: errorCode(error), error });
      },
    };

    try {
      dispatcher.dispatch(
        { origin: request.origin, path: request.path, method: request.method as Dispatcher.HttpMethod, headers: request.headers, body: request.body },
        handler,
      );
    } catch (error) {
      finish({ kind: "network", code: errorCode(error), error });
    }
  });
}
