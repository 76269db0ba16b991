import { performance } from "node:perf_hooks";
import { Agent, Client, request } from "undici";
import { NcloudClient } from "../../sdk";
import type { Emulator } from "../../sdk/emulator";
import { signedHeaders } from "../../sdk/signer";
import { median, quantile } from "./stats";

/**
 * Latency of `client.sts.getCredentials()` against the emulator beside bare undici requests of the
 * same bytes to the same emulator. Sequential, one request at a time, interleaved in blocks so
 * load drifting on the machine hits every side alike.
 */
export interface Latency {
  p50: number;
  p99: number;
}

export interface LatencyPair {
  sdk: Latency;
  bare: Latency;
}

/** The keep-alive run: every side on a connection kept alive, measured in the same interleaved loop. */
export interface KeepAliveResult {
  /** The SDK with its default deadline (timeoutMs 30000). */
  sdk: Latency;
  /** Top-level undici `request()` through an Agent, headers signed once: the floor the bench used first. */
  agent: Latency;
  /** undici `Client.request()` on one kept-alive connection, signed per request: the leanest path that does the work. */
  leanest: Latency;
}

export const PATH = "/api/v1/credentials";

export function clientFor(emulator: Emulator, timeoutMs?: number): NcloudClient {
  return new NcloudClient({ endpoint: emulator.url, accessKey: emulator.accessKey, secretKey: emulator.secretKey, env: {}, timeoutMs });
}

export function bareHeaders(emulator: Emulator, timestamp = Date.now()): Record<string, string> {
  return {
    ...signedHeaders({ method: "GET", pathAndQuery: PATH, timestamp, accessKey: emulator.accessKey, secretKey: emulator.secretKey }),
    accept: "application/json",
    // The SDK sends it on every request (STS requires it, GET included): the same bytes on both sides.
    "content-type": "application/json",
  };
}

export async function bareGet(emulator: Emulator, agent: Agent, headers: Record<string, string>, reset = false): Promise<void> {
  const res = await request(`${emulator.url}${PATH}`, { method: "GET", headers, dispatcher: agent, reset });
  await res.body.text();
  if (res.statusCode !== 200) throw new Error(`bare request answered ${res.statusCode}`);
}

/** Signs afresh (same signer, same bytes as the SDK sends) and reads the body as text; nothing else. */
async function leanestGet(emulator: Emulator, client: Client): Promise<void> {
  const res = await client.request({ path: PATH, method: "GET", headers: bareHeaders(emulator) });
  await res.body.text();
  if (res.statusCode !== 200) throw new Error(`leanest request answered ${res.statusCode}`);
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/**
 * Per-call latency of each call, median and p99, measured in interleaved blocks of `block` calls
 * after `warmup` unmeasured calls of each.
 */
export async function compare<K extends string>(
  calls: Record<K, () => Promise<unknown>>,
  total: number,
  block: number,
  warmup = 100,
): Promise<Record<K, Latency>> {
  const names = Object.keys(calls) as K[];
  for (let i = 0; i < warmup; i++) for (const name of names) await calls[name]();
  const samples = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  for (let done = 0; done < total; done += block) {
    for (const name of names) for (let i = 0; i < block; i++) samples[name].push(await timed(calls[name]));
  }
  return Object.fromEntries(names.map((n) => [n, { p50: median(samples[n]), p99: quantile(samples[n], 0.99) }])) as Record<K, Latency>;
}

/**
 * Unmeasured calls of each side before the keep-alive measure: the SDK runs more JavaScript per
 * call than undici alone, and V8 takes a few thousand calls to optimize it. Measured after 100
 * calls, in a process that has loaded the rest of the bench, the median ratio came out ~0.08
 * higher than after 3,000 more (tests/bench/README.md): the steady state is what this row reports.
 */
const WARMUP = 3000;

/** Clients and dispatchers that keep connections alive: what a `pulumi up` gets (one client per host process). */
export async function benchKeepAlive(emulator: Emulator, total = 3000): Promise<KeepAliveResult> {
  const sdk = clientFor(emulator);
  const agent = new Agent();
  const lean = new Client(emulator.url);
  const headers = bareHeaders(emulator);
  try {
    return await compare(
      {
        sdk: () => sdk.sts.getCredentials(),
        agent: () => bareGet(emulator, agent, headers),
        leanest: () => leanestGet(emulator, lean),
      },
      total,
      100,
      WARMUP,
    );
  } finally {
    await Promise.all([sdk.close(), agent.close(), lean.close()]);
  }
}

/**
 * A new connection per request. The SDK has no switch to turn keep-alive off, so its side is a
 * fresh NcloudClient per call (its own pool, closed after); the bare side sends `reset: true`
 * (Connection: close) on a shared Agent.
 */
export async function benchNewConnection(emulator: Emulator, total = 1000): Promise<LatencyPair> {
  const agent = new Agent();
  const headers = bareHeaders(emulator);
  const sdkCall = async () => {
    const client = clientFor(emulator);
    try {
      await client.sts.getCredentials();
    } finally {
      await client.close();
    }
  };
  try {
    return await compare({ sdk: sdkCall, bare: () => bareGet(emulator, agent, headers, true) }, total, 50);
  } finally {
    await agent.close();
  }
}
