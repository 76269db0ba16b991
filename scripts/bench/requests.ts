import { performance } from "node:perf_hooks";
import { Agent, request } from "undici";
import { NcloudClient } from "../../sdk";
import type { Emulator } from "../../sdk/emulator";
import { signedHeaders } from "../../sdk/signer";
import { median, quantile } from "./stats";

/**
 * Latency of `client.sts.getCredentials()` against the emulator versus a bare undici request of
 * the same signed bytes (signed once, so the floor is pure HTTP: no signing, no JSON parse, no
 * schema check, no retry bookkeeping). Sequential, one request at a time, interleaved in blocks.
 */
export interface LatencyPair {
  sdk: { p50: number; p99: number };
  bare: { p50: number; p99: number };
}

const PATH = "/api/v1/credentials";

export function clientFor(emulator: Emulator): NcloudClient {
  return new NcloudClient({ endpoint: emulator.url, accessKey: emulator.accessKey, secretKey: emulator.secretKey, env: {} });
}

export function bareHeaders(emulator: Emulator): Record<string, string> {
  return {
    ...signedHeaders({ method: "GET", pathAndQuery: PATH, timestamp: Date.now(), accessKey: emulator.accessKey, secretKey: emulator.secretKey }),
    accept: "application/json",
  };
}

export async function bareGet(emulator: Emulator, agent: Agent, headers: Record<string, string>, reset = false): Promise<void> {
  const res = await request(`${emulator.url}${PATH}`, { method: "GET", headers, dispatcher: agent, reset });
  await res.body.text();
  if (res.statusCode !== 200) throw new Error(`bare request answered ${res.statusCode}`);
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function compare(sdkCall: () => Promise<unknown>, bareCall: () => Promise<unknown>, total: number, block: number): Promise<LatencyPair> {
  for (let i = 0; i < 100; i++) {
    await sdkCall();
    await bareCall();
  }
  const sdk: number[] = [];
  const bare: number[] = [];
  for (let done = 0; done < total; done += block) {
    for (let i = 0; i < block; i++) sdk.push(await timed(sdkCall));
    for (let i = 0; i < block; i++) bare.push(await timed(bareCall));
  }
  return { sdk: { p50: median(sdk), p99: quantile(sdk, 0.99) }, bare: { p50: median(bare), p99: quantile(bare, 0.99) } };
}

/** One client and one Agent, both keeping connections alive: what a `pulumi up` gets. */
export async function benchKeepAlive(emulator: Emulator, total = 3000): Promise<LatencyPair> {
  const client = clientFor(emulator);
  const agent = new Agent();
  const headers = bareHeaders(emulator);
  try {
    return await compare(() => client.sts.getCredentials(), () => bareGet(emulator, agent, headers), total, 100);
  } finally {
    await client.close();
    await agent.close();
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
    return await compare(sdkCall, () => bareGet(emulator, agent, headers, true), total, 50);
  } finally {
    await agent.close();
  }
}
