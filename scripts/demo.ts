/**
 * `npm run demo`: the key-rotation example end to end on this machine, with no NCP account, no
 * Pulumi CLI and no network beyond loopback. It starts the NCP emulator, runs
 * examples/key-rotation through the local runner (tests/engine/runner), rotates the key by hand
 * (keepers) and then by age (rotationDays, with the provider's test-only clock and the emulator's
 * NCP clock both set 90 days ahead), destroys the stack, and checks the emulator's state after each step. Exits 1 if anything is off.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TEST_CLOCK_VARIABLE } from "../provider/handlers/rotation";
import { startEmulator, type Emulator } from "../sdk/emulator";
import { destroy, up, type RunOptions } from "../tests/engine/runner";

const repoRoot = path.resolve(__dirname, "..");
const subAccountId = "4e066e50-9c3a-11e7-8a66-1e5021fa7c80";
const serviceGroupInstanceNo = "1531843";

function heading(text: string): void {
  console.log(`\n=== ${text}`);
}

function check(ok: boolean, what: string): void {
  console.log(`    ${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) process.exitCode = 1;
}

/** Exactly one live key, and the service group holds it. */
function checkRotationState(emulator: Emulator, expected: string): void {
  const live = emulator.state.liveKeys(subAccountId).map((k) => k.accessKey);
  check(live.length === 1 && live[0] === expected, `the sub account has exactly one key, ${expected} (has: ${live.join(", ") || "none"})`);
  const group = emulator.state.serviceGroups.get(serviceGroupInstanceNo);
  check(group?.accessKeyId === expected, `service group ${serviceGroupInstanceNo} uses ${expected} (uses: ${group?.accessKeyId ?? "none"})`);
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(repoRoot, "dist", "provider", "handlers", "index.js"))) {
    throw new Error("dist/ is missing: the provider host loads the built package. Run `npm run build` first (npm run demo does).");
  }
  // NCP's clock: real time until the "90 days later" step, then the instant the provider's
  // test-only clock says it is, so the new key is stamped then. The gateway keeps checking the
  // provider's real signing timestamps (gatewayNow), as NCP would 90 days on.
  let ncpNow: number | undefined;
  const emulator = await startEmulator({ now: () => ncpNow ?? Date.now(), gatewayNow: Date.now });
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "ncloud-keys-demo-"));
  console.log(`NCP emulator on ${emulator.url}; stack state in ${workDir}`);
  const options = (rotation: string, extra: { rotationDays?: string; now?: string } = {}): RunOptions => ({
    program: path.join(repoRoot, "examples", "key-rotation"),
    stateFile: path.join(workDir, "state.json"),
    config: {
      subAccountId,
      serviceGroupInstanceNo,
      rotation,
      ...(extra.rotationDays ? { rotationDays: extra.rotationDays } : {}),
      "ncloud:accessKey": emulator.accessKey,
      "ncloud:secretKey": emulator.secretKey,
      "ncloud:apiUrl": emulator.url,
    },
    secretConfig: ["ncloud:secretKey"],
    // Only what the host needs: no NCLOUD_* from this shell can point it at a real account.
    // The rotation clock is test-only and honoured only against a loopback endpoint (the emulator).
    hostEnv: { PATH: process.env.PATH ?? "", ...(extra.now ? { [TEST_CLOCK_VARIABLE]: extra.now } : {}) },
  });
  try {
    heading("pulumi up (rotation = 2026-06)");
    const first = await up(options("2026-06"));
    checkRotationState(emulator, String(first.outputs.accessKey));

    heading("pulumi config set rotation 2026-07 && pulumi up: the key rotates");
    const second = await up(options("2026-07"));
    check(second.outputs.accessKey !== first.outputs.accessKey, "a new key replaced the old one");
    checkRotationState(emulator, String(second.outputs.accessKey));
    const state = fs.readFileSync(path.join(workDir, "state.json"), "utf8");
    check(!state.includes(String(second.outputs.keySecret)) && !state.includes(emulator.secretKey), "the state file holds no plaintext secret");

    heading("pulumi config set rotationDays 90 && pulumi up: the key is young, so only rotatesAt is set");
    const third = await up(options("2026-07", { rotationDays: "90" }));
    check(third.outputs.accessKey === second.outputs.accessKey, `the key stays; it rotates at ${String(third.outputs.rotatesAt)}`);
    const createTime = emulator.state.liveKeys(subAccountId)[0]?.createTime ?? "";

    const later = new Date(Date.parse(createTime) + 90 * 86_400_000).toISOString();
    heading(`90 days later (${later}), the scheduled pulumi up: the key is due and rotates`);
    const firstWrite = emulator.requests.length;
    ncpNow = Date.parse(later);
    const fourth = await up(options("2026-07", { rotationDays: "90", now: later }));
    ncpNow = undefined;
    check(fourth.outputs.accessKey !== third.outputs.accessKey, "a new key replaced the 90-day-old one");
    const nextDue = new Date(Date.parse(later) + 90 * 86_400_000).toISOString();
    check(String(fourth.outputs.rotatesAt) === nextDue, `the new key is stamped ${later} and rotates 90 days on, at ${nextDue} (rotatesAt: ${String(fourth.outputs.rotatesAt)})`);
    checkRotationState(emulator, String(fourth.outputs.accessKey));
    const writes = emulator.requests.slice(firstWrite).filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`);
    const created = writes.findIndex((w) => w.startsWith("POST /api/v1/sub-accounts/"));
    const handedOver = writes.findIndex((w) => w.includes("/snapshot/updateAPIAuthenticationKey/"));
    const deleted = writes.findIndex((w) => w.startsWith("DELETE "));
    check(created >= 0 && handedOver > created && deleted > handedOver, "no gap: new key created, then set on the service group, then the old key deleted");

    heading("pulumi destroy");
    await destroy(options("2026-07"));
    const left = emulator.state.liveKeys(subAccountId);
    check(left.length === 0, `no key is left (left: ${left.length})`);
  } finally {
    await emulator.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  console.log(process.exitCode ? "\nDemo FAILED" : "\nDemo passed: the key rotated by hand and by age with no gap, and nothing was left behind.");
}

main().catch((err: unknown) => {
  console.error(`\nDemo FAILED: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
