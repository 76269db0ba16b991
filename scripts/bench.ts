/**
 * `npm run bench`: the provider's cost over the raw HTTP round trip, measured in one run on this
 * machine and reported as ratios (what each means and what limits it: tests/bench/README.md).
 * Prints a markdown table and writes it into tests/bench/README.md between the results markers.
 * Needs dist/ (the provider host loads the built package): `npm run bench` builds first.
 *
 * Environment: BENCH_QUOTA (requests per second the emulator admits in the scale run, default 40),
 * BENCH_CONCURRENCY (the bounded scale run, default 16).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator } from "../sdk/emulator";
import { benchClosures } from "./bench/closure";
import { benchDataSources } from "./bench/dataSources";
import { machine, table, writeResults } from "./bench/report";
import { benchKeepAlive, benchNewConnection, type LatencyPair } from "./bench/requests";
import { benchScaleHost, benchScaleRunner, type ScaleResult } from "./bench/scale";
import { benchSigner } from "./bench/signer";
import { ms, ratio } from "./bench/stats";

const repoRoot = path.resolve(__dirname, "..");
const quota = Number(process.env.BENCH_QUOTA ?? 40);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);

function verdict(ok: boolean): string {
  return ok ? "met" : "**missed**";
}

function latencyRows(name: string, pair: LatencyPair): string[][] {
  const p50 = pair.sdk.p50 / pair.bare.p50;
  const p99 = pair.sdk.p99 / pair.bare.p99;
  return [
    [`request overhead, ${name}: median`, `${ms(pair.sdk.p50)} vs ${ms(pair.bare.p50)}`, ratio(pair.sdk.p50, pair.bare.p50), "≤ 1.10", verdict(p50 <= 1.1)],
    [`request overhead, ${name}: p99`, `${ms(pair.sdk.p99)} vs ${ms(pair.bare.p99)}`, ratio(pair.sdk.p99, pair.bare.p99), "≤ 1.10", verdict(p99 <= 1.1)],
  ];
}

function scaleRow(r: ScaleResult): string[] {
  const ok = !r.error && r.seconds / r.floorSeconds <= 1.25;
  const outcome = r.error ? `${r.created}/${r.resources} created, then failed: ${r.error.replace(/\|/g, "\\|")}` : `${r.created}/${r.resources} created`;
  return [
    `scale, ${r.driver}`,
    `${r.seconds.toFixed(1)} s vs floor ${r.floorSeconds.toFixed(1)} s (${r.admitted} admitted, ${r.throttled} × 429; ` +
      `first request after ${r.startupSeconds.toFixed(1)} s, requests span ${r.requestSpanSeconds.toFixed(1)} s = ${(r.requestSpanSeconds / r.floorSeconds).toFixed(2)}× floor); peak RSS ${r.peakMb.selfMb.toFixed(0)} MB bench process + ${r.peakMb.childrenMb.toFixed(0)} MB provider host; ${outcome}`,
    ratio(r.seconds, r.floorSeconds),
    "≤ 1.25",
    verdict(ok),
  ];
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(repoRoot, "dist", "provider", "handlers", "index.js"))) {
    throw new Error("dist/ is missing: the provider host loads the built package. Run `npm run build` first (npm run bench does).");
  }
  const started = Date.now();
  const rows: string[][] = [];
  const say = (what: string) => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0)} s] ${what}`);

  say("signer");
  const signer = benchSigner();
  rows.push([
    "signer: signatures/s vs bare createHmac",
    `${Math.round(signer.signerPerSec).toLocaleString("en")} vs ${Math.round(signer.barePerSec).toLocaleString("en")}`,
    signer.ratio.toFixed(2),
    "≥ 0.90",
    verdict(signer.ratio >= 0.9),
  ]);

  const emulator = await startEmulator();
  try {
    say("request overhead, keep-alive");
    rows.push(...latencyRows("keep-alive", await benchKeepAlive(emulator)));
    say("request overhead, new connection per request");
    rows.push(...latencyRows("new connection each", await benchNewConnection(emulator)));
    say("data sources: 1,000 concurrent calls");
    const burst = await benchDataSources(emulator);
    rows.push([
      `data sources: ${burst.calls.toLocaleString("en")} concurrent sts.getCredentials, calls/s vs bare undici`,
      `${Math.round(burst.sdkPerSec).toLocaleString("en")} vs ${Math.round(burst.barePerSec).toLocaleString("en")}`,
      ratio(burst.sdkPerSec, burst.barePerSec),
      "(no target)",
      "",
    ]);
  } finally {
    await emulator.close();
  }

  say("closure serialization");
  for (const c of await benchClosures()) {
    rows.push([
      `closure: \`__provider\` of ${c.kind}`,
      `${(c.bytes / 1024).toFixed(2)} KB; serialized in ${ms(c.coldMs)} cold, ${ms(c.warmMs)} warm`,
      `${(c.bytes / 8192).toFixed(2)} of 8 KB`,
      "≤ 8 KB",
      verdict(c.bytes <= 8192),
    ]);
  }

  say(`scale through the local runner, quota ${quota}/s`);
  rows.push(scaleRow(await benchScaleRunner(quota)));
  say(`scale through the real host, ${concurrency} at a time, quota ${quota}/s`);
  rows.push(scaleRow(await benchScaleHost(quota, concurrency)));

  const markdown = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}; whole run ${((Date.now() - started) / 1000).toFixed(0)} s; scale quota ${quota} requests/s.`,
    "",
    table(["measure", "ours vs floor", "ratio", "target", ""], rows),
  ].join("\n");
  console.log(markdown);
  writeResults(path.join(repoRoot, "tests", "bench", "README.md"), markdown);
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
