import { performance } from "node:perf_hooks";
import { Agent, type Dispatcher } from "undici";
import type { Emulator } from "../../sdk/emulator";
import { exchange } from "../../sdk/exchange";
import { bareHeaders } from "./requests";
import { median } from "./stats";

/**
 * "Deadline cost per request": what bounding the whole attempt costs, per request, over
 * keep-alive to the emulator, for three ways of doing it on the same signed GET:
 *  - none: undici's dispatch with a handler that only collects the body (no deadline at all);
 *  - timer: the SDK's exchange (sdk/exchange.ts): one setTimeout that aborts through the
 *    dispatch controller, plus the streamed size cap;
 *  - abortSignal: undici's `request()` with an AbortController per request (what undici offers).
 * Each row is the median per request over blocks, interleaved so drift hits all three alike; the
 * cost is the difference to `none`.
 */
export interface DeadlineCost {
  noneUs: number;
  timerUs: number;
  abortSignalUs: number;
}

const PATH = "/api/v1/credentials";

function bareDispatch(agent: Dispatcher, origin: string, headers: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    agent.dispatch(
      { origin, path: PATH, method: "GET", headers },
      {
        onRequestStart: () => undefined,
        onResponseData: () => undefined,
        onResponseEnd: () => resolve(),
        onResponseError: (_c, error) => reject(error),
      },
    );
  });
}

async function withSignal(agent: Agent, origin: string, headers: Record<string, string>): Promise<void> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 30_000);
  try {
    const res = await agent.request({ origin, path: PATH, method: "GET", headers, signal: controller.signal });
    await res.body.text();
  } finally {
    clearTimeout(timer);
  }
}

async function perRequestUs(fn: () => Promise<unknown>, count: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < count; i++) await fn();
  return ((performance.now() - start) * 1000) / count;
}

export async function benchDeadlineCost(emulator: Emulator, blocks = 30, perBlock = 200): Promise<DeadlineCost> {
  const agent = new Agent();
  const headers = bareHeaders(emulator); // signed once: this measures transport only
  const origin = emulator.url;
  const variants = {
    none: () => bareDispatch(agent, origin, headers),
    timer: () => exchange(agent, { origin, path: PATH, method: "GET", headers }, { timeoutMs: 30_000, maxResponseBytes: 10 * 1024 * 1024 }),
    abortSignal: () => withSignal(agent, origin, headers),
  };
  const samples: Record<keyof typeof variants, number[]> = { none: [], timer: [], abortSignal: [] };
  try {
    for (const fn of Object.values(variants)) await perRequestUs(fn, 200); // warm up
    for (let b = 0; b < blocks; b++) {
      for (const [name, fn] of Object.entries(variants) as Array<[keyof typeof variants, () => Promise<unknown>]>) {
        samples[name].push(await perRequestUs(fn, perBlock));
      }
    }
  } finally {
    await agent.close();
  }
  return { noneUs: median(samples.none), timerUs: median(samples.timer), abortSignalUs: median(samples.abortSignal) };
}

/** One report line, e.g. for scripts/bench.ts. */
export function deadlineCostLine(cost: DeadlineCost): string {
  const extra = (us: number) => `${(us - cost.noneUs).toFixed(1)} µs`;
  return (
    `deadline cost per request: none ${cost.noneUs.toFixed(1)} µs; one timer (SDK) +${extra(cost.timerUs)}; ` +
    `AbortSignal +${extra(cost.abortSignalUs)}`
  );
}

if (require.main === module) {
  void (async () => {
    const { startEmulator } = await import("../../sdk/emulator");
    const emulator = await startEmulator();
    try {
      console.log(deadlineCostLine(await benchDeadlineCost(emulator)));
    } finally {
      await emulator.close();
    }
  })();
}
