import type { ClosureResult } from "./closure";
import type { ColdStartResult } from "./coldStart";
import type { BurstResult } from "./dataSources";
import type { DeadlineCost } from "./deadline";
import type { Command, EngineScaleResult } from "./engineScale";
import type { KeepAliveResult, Latency, LatencyPair } from "./requests";
import type { ScaleResult } from "./scale";
import type { SignerResult } from "./signer";
import { median, ms, ratio } from "./stats";

/** Each bench section's result as table rows: measure, ours vs floor, ratio, target, verdict. */
export type Row = string[];

const COLD_START_TARGET_MS = 60;

function verdict(ok: boolean): string {
  return ok ? "met" : "**missed**";
}

const micros = (value: number): string => `${value >= 0 ? "+" : "−"}${Math.abs(value * 1000).toFixed(0)} µs`;

export function signerRow(s: SignerResult): Row {
  return [
    "signer: signatures/s vs bare createHmac",
    `${Math.round(s.signerPerSec).toLocaleString("en")} vs ${Math.round(s.barePerSec).toLocaleString("en")}`,
    s.ratio.toFixed(2),
    "≥ 0.90",
    verdict(s.ratio >= 0.9),
  ];
}

function overheadRows(name: string, ours: Latency, floor: Latency): Row[] {
  return (["p50", "p99"] as const).map((q) => [
    `request overhead, ${name}: ${q === "p50" ? "median" : "p99"}`,
    `${ms(ours[q])} vs ${ms(floor[q])}`,
    ratio(ours[q], floor[q]),
    "≤ 1.10",
    verdict(ours[q] / floor[q] <= 1.1),
  ]);
}

export function keepAliveRows(k: KeepAliveResult): Row[] {
  return [
    ...overheadRows("keep-alive vs leanest undici (`Client.request`, signed per request)", k.sdk, k.leanest),
    ...overheadRows("keep-alive vs undici Agent `request()` (signed once; the first floor)", k.sdk, k.agent),
  ];
}

/** One row: the SDK's per-attempt deadline over none, beside what undici's AbortSignal costs over none. */
export function deadlineRow(d: DeadlineCost): Row {
  return [
    "deadline cost per request: the SDK's per-attempt timer vs no deadline (keep-alive, median); undici's AbortSignal vs none beside it",
    `${ms(d.sdkTimer.p50)} vs ${ms(d.none.p50)} (${micros(d.sdkTimer.p50 - d.none.p50)}); AbortSignal on \`request()\`: ${ms(d.requestAbortSignal.p50)} vs ${ms(d.request.p50)} (${micros(d.requestAbortSignal.p50 - d.request.p50)})`,
    ratio(d.sdkTimer.p50, d.none.p50),
    "(no target)",
    "",
  ];
}

export function newConnectionRows(pair: LatencyPair): Row[] {
  return overheadRows("new connection each", pair.sdk, pair.bare);
}

export function burstRow(b: BurstResult): Row {
  return [
    `data sources: ${b.calls.toLocaleString("en")} concurrent sts.getCredentials, calls/s vs bare undici`,
    `${Math.round(b.sdkPerSec).toLocaleString("en")} vs ${Math.round(b.barePerSec).toLocaleString("en")}`,
    ratio(b.sdkPerSec, b.barePerSec),
    "(no target)",
    "",
  ];
}

export function closureRow(c: ClosureResult): Row {
  return [
    `closure: \`__provider\` of ${c.kind}`,
    `${(c.bytes / 1024).toFixed(2)} KB; serialized in ${ms(c.coldMs)} cold, ${ms(c.warmMs)} warm`,
    `${(c.bytes / 8192).toFixed(2)} of 8 KB`,
    "≤ 8 KB",
    verdict(c.bytes <= 8192),
  ];
}

export function coldStartRows(c: ColdStartResult): Row[] {
  return [
    [
      "cold start: the host `require`s the handlers",
      `${ms(c.requireHandlers)} (median of ${c.runs} fresh processes); with every kind's module loaded, as before lazy loading: ${ms(c.everyKind)}`,
      `${(c.requireHandlers / COLD_START_TARGET_MS).toFixed(2)} of ${COLD_START_TARGET_MS} ms`,
      `≤ ${COLD_START_TARGET_MS} ms`,
      verdict(c.requireHandlers <= COLD_START_TARGET_MS),
    ],
    [
      "cold start: require, configure and the first `check` of a SubAccountAccessKey",
      `${ms(c.firstCheck)}: its module and the SDK load here; undici ${c.undiciLoadedByCheck ? "too" : "not (it loads with the first request)"} (undici alone ${ms(c.undici)}, zod alone ${ms(c.zod)})`,
      `${(c.firstCheck / COLD_START_TARGET_MS).toFixed(2)} of ${COLD_START_TARGET_MS} ms`,
      "(no target)",
      "",
    ],
  ];
}

function outcome(r: ScaleResult): string {
  return r.error ? `${r.created}/${r.resources} created, then failed: ${r.error.replace(/\|/g, "\\|")}` : `${r.created}/${r.resources} created`;
}

export function scaleRows(r: ScaleResult): Row[] {
  const byMethod = Object.entries(r.admittedByMethod).map(([method, n]) => `${method} ${n}`).join(", ");
  return [
    [
      `scale, ${r.driver}: vs admitted requests ÷ quota`,
      `${r.seconds.toFixed(1)} s vs floor ${r.floorSeconds.toFixed(1)} s (${r.admitted} admitted, ${r.throttled} × 429; ` +
        `first request after ${r.startupSeconds.toFixed(1)} s, requests span ${r.requestSpanSeconds.toFixed(1)} s = ${(r.requestSpanSeconds / r.floorSeconds).toFixed(2)}× floor); ` +
        `peak RSS ${r.peakMb.selfMb.toFixed(0)} MB bench process + ${r.peakMb.childrenMb.toFixed(0)} MB provider host; ${outcome(r)}`,
      ratio(r.seconds, r.floorSeconds),
      "≤ 1.25",
      verdict(!r.error && r.seconds / r.floorSeconds <= 1.25),
    ],
    [
      `scale, ${r.driver}: vs the true floor, creates ÷ quota`,
      `${r.seconds.toFixed(1)} s vs ${r.trueFloorSeconds.toFixed(1)} s (${r.resources} creates at one request each; requests span ${(r.requestSpanSeconds / r.trueFloorSeconds).toFixed(2)}× this floor)`,
      ratio(r.seconds, r.trueFloorSeconds),
      "≤ 1.25",
      verdict(!r.error && r.seconds / r.trueFloorSeconds <= 1.25),
    ],
    [
      `scale, ${r.driver}: requests per create, counted at the emulator`,
      `${r.admitted} admitted for ${r.created} keys (${byMethod})`,
      Number.isFinite(r.requestsPerCreate) ? r.requestsPerCreate.toFixed(2) : "n/a",
      "1",
      verdict(!r.error && r.requestsPerCreate <= 1),
    ],
  ];
}

const ENGINE_UP_TARGET = 1.15;

type EngineSide = "ours" | "floor" | "sizedFloor";

/** Medians over the runs of one side's command: wall seconds, and CPU (CLI with its plugins, and this process). */
function engineMedians(e: EngineScaleResult, side: EngineSide, command: Command) {
  const costs = e.runs.map((r) => r[side].costs[command]).filter((c) => c !== undefined);
  return {
    seconds: median(costs.map((c) => c.seconds)),
    cliCpu: median(costs.map((c) => c.cliCpu)),
    benchCpu: median(costs.map((c) => c.benchCpu)),
    each: costs.map((c) => c.seconds),
  };
}

/** One engine row: a side's command against a floor's, medians over the runs. */
function engineTimeRow(e: EngineScaleResult, command: Command, floorSide: EngineSide, what: string, extra: string, target?: number): Row {
  const ours = engineMedians(e, "ours", command);
  const floor = engineMedians(e, floorSide, command);
  const each = ours.each.map((s, i) => `${s.toFixed(1)}/${floor.each[i]?.toFixed(1) ?? "–"}`).join(", ");
  const cpu = (m: typeof ours) => `${m.cliCpu.toFixed(1)} + ${m.benchCpu.toFixed(1)}`;
  const failed = e.error ? `; then failed: ${e.error.replace(/\|/g, "\\|")}` : "";
  return [
    `engine: \`pulumi ${command}\` of ${e.resources} keys over ${e.subAccounts} sub accounts vs ${what} (median of ${e.runs.length})`,
    `${ours.seconds.toFixed(1)} s vs ${floor.seconds.toFixed(1)} s (each run, ours/floor: ${each} s); ` +
      `CPU s (CLI with plugins + bench process): ${cpu(ours)} vs ${cpu(floor)} = ${ratio(ours.cliCpu + ours.benchCpu, floor.cliCpu + floor.benchCpu)}×${extra}${failed}`,
    ratio(ours.seconds, floor.seconds),
    target === undefined ? "(no target)" : `≤ ${target.toFixed(2)}`,
    target === undefined ? "" : verdict(!e.error && e.runs.length > 0 && ours.seconds / floor.seconds <= target),
  ];
}

export function engineRows(e: EngineScaleResult): Row[] {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
  const state = (side: EngineSide) => kb(median(e.runs.map((r) => r[side].stateBytes)));
  const upRequests = e.runs.map((r) => Object.entries(r.upRequests).map(([method, n]) => `${method} ${n}`).join(", "));
  const lists = e.runs.map((r) => r.refreshLists.reduce((a, b) => a + b, 0));
  const onePerSubAccount = e.runs.length > 0 && e.runs.every((r) => r.refreshLists.every((n) => n === 1) && r.refreshOther.length === 0);
  const others = e.runs.flatMap((r) => r.refreshOther);
  const noop = "the same program on a no-op dynamic provider";
  const { ours, floor, padding } = e.providerText;
  return [
    engineTimeRow(
      e,
      "up",
      "floor",
      noop,
      `; keys created per run ${e.runs.map((r) => r.created).join(", ")} of ${e.resources}, requests ${upRequests.join("; ")}; ` +
        `state ${state("ours")} vs ${state("floor")} (\`__provider\` text ${ours} vs ${floor} characters, twice per resource)`,
      ENGINE_UP_TARGET,
    ),
    engineTimeRow(
      e,
      "up",
      "sizedFloor",
      `that no-op provider padded to our \`__provider\` length (+${padding} characters), so the state is as large`,
      `; state ${state("ours")} vs ${state("sizedFloor")}`,
    ),
    engineTimeRow(e, "preview", "floor", noop, `; requests reaching the emulator per run: ${e.runs.map((r) => r.previewRequests).join(", ")}`),
    engineTimeRow(e, "refresh", "floor", noop, ""),
    [
      `engine: \`pulumi refresh\` of ${e.resources} keys, list requests counted at the emulator vs sub accounts (S)`,
      `${lists.join(", ")} lists in ${e.runs.length} runs for S = ${e.subAccounts}; ` +
        (onePerSubAccount ? "one per sub account in every run, no other request" : `per sub account: ${e.runs.map((r) => r.refreshLists.join("/")).join("; ")}; other: ${others.slice(0, 5).join(", ") || "none"}`),
      ratio(median(lists), e.subAccounts),
      `S = ${e.subAccounts}`,
      verdict(!e.error && onePerSubAccount),
    ],
  ];
}
