import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import { HANDLER_KINDS } from "../../provider/handlers/kinds";
import { median } from "./stats";

/**
 * What the dynamic-provider host pays to load the provider, each measured in a fresh `node` (the
 * one running the bench), timed inside the child around the work alone, so node's own start is
 * not in it. Repeated in rounds that interleave the measures; the median of each is reported.
 */
export interface ColdStartResult {
  runs: number;
  /** ms, median: `require` of the handlers, what the provider's `configure` does on the host's first `check` of a kind. */
  requireHandlers: number;
  /** ms, median: require, configure, and the first `check` of a SubAccountAccessKey (loads its module and the SDK). */
  firstCheck: number;
  /** ms, median: the handlers with every kind's module loaded, which is what requiring them cost before lazy loading. */
  everyKind: number;
  /** ms, median: the two heavy dependencies alone, for reading the rows above. */
  undici: number;
  zod: number;
  /** Whether undici is in `require.cache` after the first check: the SDK loads it at its first request. */
  undiciLoadedByCheck: boolean;
}

const handlersDir = path.resolve(__dirname, "..", "..", "dist", "provider", "handlers");
const handlers = JSON.stringify(path.join(handlersDir, "index.js"));
const fromHandlers = (name: string) => JSON.stringify(require.resolve(name, { paths: [handlersDir] }));

/** Each entry's body runs between the two clock reads; it may `await`. */
const WORK: Record<Exclude<keyof ColdStartResult, "runs" | "undiciLoadedByCheck">, string> = {
  requireHandlers: `require(${handlers});`,
  firstCheck: `const h = require(${handlers});
    await h.configure({ config: { get: (k) => ({ "ncloud:accessKey": "AK", "ncloud:secretKey": "SK" })[k] } });
    const r = await h.handlers.subAccountAccessKey.check({}, { subAccountId: "bench-sub" });
    if (r.failures) throw new Error("check failed");`,
  everyKind: `require(${handlers});
    for (const kind of ${JSON.stringify(HANDLER_KINDS)}) require(${JSON.stringify(handlersDir)} + "/" + kind + ".js");`,
  undici: `require(${fromHandlers("undici")});`,
  zod: `require(${fromHandlers("zod")});`,
};

async function inFreshNode(script: string): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ["-e", `(async () => { ${script} })().catch((e) => { console.error(e); process.exit(1); });`], {
    timeout: 30000,
  });
  return stdout;
}

async function timeInFreshNode(body: string): Promise<number> {
  return Number(await inFreshNode(`const t = process.hrtime.bigint(); ${body}
    process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));`));
}

export async function benchColdStart(runs = 15): Promise<ColdStartResult> {
  const samples = Object.fromEntries(Object.keys(WORK).map((k) => [k, [] as number[]])) as Record<keyof typeof WORK, number[]>;
  for (let r = 0; r < runs; r++) {
    for (const [name, body] of Object.entries(WORK) as Array<[keyof typeof WORK, string]>) samples[name].push(await timeInFreshNode(body));
  }
  return {
    runs,
    requireHandlers: median(samples.requireHandlers),
    firstCheck: median(samples.firstCheck),
    everyKind: median(samples.everyKind),
    undici: median(samples.undici),
    zod: median(samples.zod),
    undiciLoadedByCheck:
      (await inFreshNode(`${WORK.firstCheck}
        process.stdout.write(String(Object.keys(require.cache).some((f) => f.includes("/node_modules/undici/"))));`)) === "true",
  };
}
