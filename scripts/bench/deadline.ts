import { Pool, type Dispatcher } from "undici";
import type { Emulator } from "../../sdk/emulator";
import { exchange } from "../../sdk/call/exchange";
import { bareHeaders, compare, type Latency, PATH } from "./requests";

/**
 * "Deadline cost per request": what bounding the whole attempt costs, per request, on a kept-alive
 * connection to the emulator, signed per request, two ways, each beside the same work without it:
 *  - the SDK's: `exchange()` (sdk/call/exchange.ts, what every SDK attempt runs): undici's dispatch with
 *    one timer that aborts through the dispatch controller (plus the streamed size cap), beside
 *    the same dispatch and body collection with no timer;
 *  - undici's: `request()` with an AbortController and a timer, beside `request()` without.
 * Each on its own Pool (what the SDK sends through), interleaved in blocks so drift hits all alike.
 * The SDK through its public API cannot turn the deadline off, so the cost is measured at the
 * exchange, the one place the SDK sets it.
 */
export interface DeadlineCost {
  /** Dispatch, body collected as text, no deadline. */
  none: Latency;
  /** The SDK's exchange: the same, with one timer per attempt. */
  sdkTimer: Latency;
  /** undici `request()` and `body.text()`, no deadline. */
  request: Latency;
  /** The same with an AbortController signal and a timer per request: undici's own way. */
  requestAbortSignal: Latency;
}

const DEADLINE_MS = 30_000;

function dispatchOnly(pool: Dispatcher, origin: string, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    pool.dispatch(
      { origin, path: PATH, method: "GET", headers },
      {
        onRequestStart: () => undefined,
        onResponseStart: () => undefined,
        onResponseData: (_c, chunk) => void chunks.push(chunk),
        onResponseEnd: () => resolve(Buffer.concat(chunks).toString("utf8")),
        onResponseError: (_c, error) => reject(error),
      },
    );
  });
}

async function withRequest(pool: Pool, headers: Record<string, string>, signalled: boolean): Promise<void> {
  const controller = signalled ? new AbortController() : undefined;
  const timer = controller && setTimeout(() => controller.abort(), DEADLINE_MS);
  try {
    const res = await pool.request({ path: PATH, method: "GET", headers, signal: controller?.signal });
    await res.body.text();
  } finally {
    clearTimeout(timer);
  }
}

export async function benchDeadlineCost(emulator: Emulator, total = 3000): Promise<DeadlineCost> {
  const origin = emulator.url;
  const pools = [new Pool(origin), new Pool(origin), new Pool(origin), new Pool(origin)];
  const [a, b, c, d] = pools;
  try {
    return await compare(
      {
        none: () => dispatchOnly(a, origin, bareHeaders(emulator)),
        sdkTimer: () =>
          exchange(b, { origin, path: PATH, method: "GET", headers: bareHeaders(emulator) }, { timeoutMs: DEADLINE_MS, maxResponseBytes: 10 * 1024 * 1024 }),
        request: () => withRequest(c, bareHeaders(emulator), false),
        requestAbortSignal: () => withRequest(d, bareHeaders(emulator), true),
      },
      total,
      100,
      1000,
    );
  } finally {
    await Promise.all(pools.map((p) => p.close()));
  }
}
