import { performance } from "node:perf_hooks";
import type { Emulator } from "../../sdk/emulator";
import { startNcloudStack } from "../../tests/host/ncloudStack";
import { PeakMemory } from "./stats";

/**
 * 200 SubAccountAccessKey resources over 100 sub accounts against an emulator that admits at most
 * `perSecond` requests in any 1 s window (more are answered 429 with Retry-After: 1).
 */
export interface ScaleResult {
  driver: string;
  resources: number;
  created: number;
  seconds: number;
  /** Requests the quota admitted (everything but the 429s). */
  admitted: number;
  throttled: number;
  /** admitted / perSecond: no client making these requests can finish faster. */
  floorSeconds: number;
  /** resources / perSecond: the true floor, one request per create (what the work needs). */
  trueFloorSeconds: number;
  /** Admitted requests per key created, and how they split by method (e.g. GET 200, POST 200). */
  requestsPerCreate: number;
  admittedByMethod: Record<string, number>;
  /** From the start to the first request NCP sees: host start, program load, closure serialization. */
  startupSeconds: number;
  /** From the first request to the last: what the provider and the quota decide. */
  requestSpanSeconds: number;
  peakMb: { selfMb: number; childrenMb: number };
  error?: string;
}

export const SUB_ACCOUNTS = 100;
export const KEYS_PER_ACCOUNT = 2;

const subAccountIds = Array.from({ length: SUB_ACCOUNTS }, (_, i) => `bench-sub-${String(i).padStart(3, "0")}`);

function summarize(driver: string, emulator: Emulator, perSecond: number, started: number, memory: PeakMemory, error?: unknown): ScaleResult {
  const seconds = (performance.now() - started) / 1000;
  const throttled = emulator.requests.filter((r) => r.status === 429).length;
  const admitted = emulator.requests.length - throttled;
  const created = subAccountIds.reduce((n, id) => n + emulator.state.liveKeys(id).length, 0);
  const admittedByMethod: Record<string, number> = {};
  for (const r of emulator.requests) if (r.status !== 429) admittedByMethod[r.method] = (admittedByMethod[r.method] ?? 0) + 1;
  const startedAt = Date.now() - seconds * 1000;
  const requests = emulator.requests;
  return {
    driver,
    resources: SUB_ACCOUNTS * KEYS_PER_ACCOUNT,
    created,
    seconds,
    admitted,
    throttled,
    floorSeconds: admitted / perSecond,
    trueFloorSeconds: (SUB_ACCOUNTS * KEYS_PER_ACCOUNT) / perSecond,
    requestsPerCreate: created > 0 ? admitted / created : NaN,
    admittedByMethod,
    startupSeconds: requests.length ? (requests[0].at - startedAt) / 1000 : 0,
    requestSpanSeconds: requests.length ? (requests[requests.length - 1].at - requests[0].at) / 1000 : 0,
    peakMb: memory.stop(),
    error: error === undefined ? undefined : firstLine(error),
  };
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n")[0].slice(0, 300);
}

/** check + create through the real host (tests/host/ncloudStack.ts), `concurrency` at a time. */
export async function benchScaleHost(perSecond: number, concurrency: number): Promise<ScaleResult> {
  const memory = new PeakMemory();
  memory.start();
  const started = performance.now();
  const stack = await startNcloudStack({ subAccounts: subAccountIds, maxActiveKeys: KEYS_PER_ACCOUNT, rateLimitPerSecond: perSecond });
  const work = subAccountIds.flatMap((id, i) => Array.from({ length: KEYS_PER_ACCOUNT }, (_, k) => ({ name: `key-${i}-${k}`, id })));
  let next = 0;
  const failures: unknown[] = [];
  const worker = async () => {
    while (next < work.length) {
      const item = work[next++];
      await stack.createResource("subAccountAccessKey", item.name, { subAccountId: item.id }).catch((e: unknown) => failures.push(e));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const error = failures.length ? `${failures.length} creates failed; first: ${firstLine(failures[0])}` : undefined;
  const result = summarize(`real host, ${concurrency} at a time`, stack.emulator, perSecond, started, memory, error);
  await stack.close();
  return result;
}
