import { performance } from "node:perf_hooks";
import * as pulumi from "@pulumi/pulumi";
import { dynamicProvider } from "../../provider/dynamicProvider";
import { HANDLER_KINDS, type HandlerKind } from "../../provider/handlers/kinds";
import { median } from "./stats";

/** The `__provider` text of each resource kind, serialized as `pulumi.dynamic.Resource` does. */
export interface ClosureResult {
  kind: HandlerKind;
  bytes: number;
  coldMs: number;
  warmMs: number;
}

async function serialize(kind: HandlerKind): Promise<{ text: string; ms: number }> {
  const provider = dynamicProvider(kind);
  const start = performance.now();
  const { text } = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
  return { text, ms: performance.now() - start };
}

export async function benchClosures(repeats = 10): Promise<ClosureResult[]> {
  const results: ClosureResult[] = [];
  for (const kind of HANDLER_KINDS) {
    const cold = await serialize(kind);
    const warm: number[] = [];
    for (let i = 0; i < repeats; i++) warm.push((await serialize(kind)).ms);
    results.push({ kind, bytes: Buffer.byteLength(cold.text), coldMs: cold.ms, warmMs: median(warm) });
  }
  return results;
}
