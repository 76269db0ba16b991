import { performance } from "node:perf_hooks";
import { Agent } from "undici";
import { SOCKETS_PER_ORIGIN } from "../../sdk/settings/socketCap";
import type { Emulator } from "../../sdk/emulator";
import { bareGet, bareHeaders, clientFor } from "./requests";
import { median } from "./stats";

/**
 * 1,000 concurrent STS reads through one NcloudClient (what 1,000 `getStsCredentials` calls in one
 * program do: they share the process's one client) versus 1,000 concurrent bare undici requests
 * through one Agent. Both open at most 16 sockets: the SDK's default cap per origin, given to the
 * bare Agent too so that both queue the burst the same way.
 */
export interface BurstResult {
  calls: number;
  sdkPerSec: number;
  barePerSec: number;
}

async function burst(calls: number, one: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await Promise.all(Array.from({ length: calls }, one));
  return (calls / (performance.now() - start)) * 1000;
}

export async function benchDataSources(emulator: Emulator, calls = 1000, rounds = 5): Promise<BurstResult> {
  const client = clientFor(emulator);
  const agent = new Agent({ connections: SOCKETS_PER_ORIGIN.default });
  const headers = bareHeaders(emulator);
  const sdk: number[] = [];
  const bare: number[] = [];
  try {
    await burst(calls, () => client.sts.getCredentials());
    await burst(calls, () => bareGet(emulator, agent, headers));
    for (let r = 0; r < rounds; r++) {
      sdk.push(await burst(calls, () => client.sts.getCredentials()));
      bare.push(await burst(calls, () => bareGet(emulator, agent, headers)));
    }
  } finally {
    await client.close();
    await agent.close();
  }
  return { calls, sdkPerSec: median(sdk), barePerSec: median(bare) };
}
