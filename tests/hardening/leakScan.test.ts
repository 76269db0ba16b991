import { inspect } from "node:util";
import * as fs from "node:fs";
import { exampleRun, SERVICE_GROUP, SUB_ACCOUNT, type ExampleRun } from "../examples/exampleRun";

/*
 * The leak scan: every example through the local runner (up, a change, a failure, destroy) with
 * known sentinel values for the NCP secret key and the API key, and every keySecret NCP returns
 * collected as it appears. Then everything the runs produced is searched for each of them, also
 * base64- and URL-encoded: the state file (which holds the serialized `__provider` texts), the
 * runner's report, the provider host's stdout and stderr (with NCLOUD_DEBUG=1), this process's
 * stdout, stderr and console (the program and its get functions), and every error.
 */
const SECRET_KEY = "SENTINEL-ncp-secret-key-7f3a9c";
const API_KEY = "SENTINEL-nsml-api-key-51be02";

interface Artifact {
  where: string;
  text: string;
}

const artifacts: Artifact[] = [];
const secrets = new Set<string>([SECRET_KEY, API_KEY]);

function encodings(secret: string): string[] {
  return [secret, Buffer.from(secret).toString("base64"), encodeURIComponent(secret)];
}

function captureProcessOutput(): () => void {
  const restore: Array<() => void> = [];
  for (const stream of [process.stdout, process.stderr]) {
    // Recorded, not passed on: the debug lines the scan turns on are for the scan, not the test log.
    const write = stream.write;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      artifacts.push({ where: "process output", text: String(chunk) });
      const done = rest.find((r) => typeof r === "function") as (() => void) | undefined;
      if (done) process.nextTick(done);
      return true;
    }) as typeof stream.write;
    restore.push(() => (stream.write = write));
  }
  for (const method of ["log", "info", "warn", "error", "debug"] as const) {
    const spy = jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      artifacts.push({ where: `console.${method}`, text: args.map((a) => (typeof a === "string" ? a : inspect(a))).join(" ") });
    });
    restore.push(() => spy.mockRestore());
  }
  return () => restore.forEach((r) => r());
}

/** Records the run's artifacts and the keySecrets NCP holds right now (deleted keys vanish later). */
function collect(run: ExampleRun, label: string): void {
  for (const account of run.emulator.state.subAccounts.values()) for (const key of account.keys.values()) secrets.add(key.keySecret);
  for (const issued of run.emulator.state.stsIssued) secrets.add(issued.keySecret);
  if (fs.existsSync(run.stateFile)) artifacts.push({ where: `${label}: state file`, text: fs.readFileSync(run.stateFile, "utf8") });
  artifacts.push({ where: `${label}: runner report`, text: run.printed.join("\n") });
  for (const text of run.hostOutputs) artifacts.push({ where: `${label}: provider host output`, text });
}

async function failing(label: string, promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  const e = error as Error;
  artifacts.push({ where: `${label}: error`, text: [e.message, e.stack, inspect(e), JSON.stringify(e)].join("\n") });
}

const emulatorOptions = { secretKey: SECRET_KEY, apiKey: API_KEY };
let stopCapture: () => void;
beforeAll(() => {
  process.env.NCLOUD_DEBUG = "1";
  stopCapture = captureProcessOutput();
});
afterAll(() => {
  stopCapture();
  delete process.env.NCLOUD_DEBUG;
});

test.each(["key-rotation", "gitops"])("examples/%s: up, rotate, a failed rotation, recovery, destroy", async (example) => {
  // rotationDays and maxKeyAgeDays as examples/gitops/Pulumi.yaml defaults them: this runner applies no project defaults.
  const config = { subAccountId: SUB_ACCOUNT, serviceGroupInstanceNo: SERVICE_GROUP, rotation: "2026-06", rotationDays: "90", maxKeyAgeDays: "100" };
  const run = await exampleRun(example, config, emulatorOptions);
  try {
    const first = await run.up();
    secrets.add(String(first.outputs.keySecret));
    collect(run, example);
    const rotated = await run.up({ rotation: "2026-07" });
    secrets.add(String(rotated.outputs.keySecret));
    collect(run, example);
    run.emulator.state.serviceGroups.delete(SERVICE_GROUP);
    await failing(example, run.up({ rotation: "2026-08" }));
    collect(run, example);
    run.emulator.state.addServiceGroup(SERVICE_GROUP);
    await run.up({ rotation: "2026-08" });
    collect(run, example);
    await run.destroy();
    collect(run, example);
  } finally {
    await run.close();
  }
});

test("examples/temporary-credentials: up, renewal, bad input, destroy", async () => {
  const run = await exampleRun("temporary-credentials", { durationSec: "3600" }, emulatorOptions);
  try {
    await run.up();
    collect(run, "temporary-credentials");
    // Renewal: five minutes before they expire, by the provider's test clock (renewBefore is 600 s).
    const expireTime = Date.parse(run.emulator.state.stsIssued[0].expireTime);
    await run.up({}, { NCLOUD_KEYS_TEST_NOW: new Date(expireTime - 300_000).toISOString() });
    collect(run, "temporary-credentials");
    await failing("temporary-credentials", run.up({ durationSec: "60" }));
    await run.destroy();
    collect(run, "temporary-credentials");
    expect(run.emulator.state.stsIssued.length).toBeGreaterThanOrEqual(2);
  } finally {
    await run.close();
  }
});

test("examples/nsml-keys: up, a wrong API key, destroy", async () => {
  const run = await exampleRun("nsml-keys", { title: "ci" }, emulatorOptions);
  try {
    await run.up();
    collect(run, "nsml-keys");
    run.emulator.state.nsmlKeys.length = 0;
    await run.destroy();
    collect(run, "nsml-keys");
  } finally {
    await run.close();
  }
  const wrong = await exampleRun("nsml-keys", { title: "ci" }, emulatorOptions);
  try {
    const wrongKey = "SENTINEL-wrong-api-key-9d41";
    secrets.add(wrongKey);
    await failing("nsml-keys", wrong.up({ "ncloud:apiKey": wrongKey }));
    collect(wrong, "nsml-keys (wrong key)");
  } finally {
    await wrong.close();
  }
});

test("nothing any run produced holds a secret, in plain text, base64 or URL-encoded", () => {
  // The scan saw what it claims to: providers in state, debug lines from the host and the program.
  const all = artifacts.map((a) => a.text).join("\n");
  expect(all).toContain("exports.handler");
  expect(all).toMatch(/ncloud: POST \/api\/v1\/sub-accounts\/[^ ]+\/access-keys -> 201/);
  expect(all).toMatch(/ncloud: GET \/api\/v1\/credentials -> 200/);
  expect(secrets.size).toBeGreaterThan(8);

  const leaks = artifacts.flatMap((a) =>
    [...secrets].flatMap((secret) => encodings(secret).filter((form) => a.text.includes(form)).map(() => `${a.where}: ${secret.slice(0, 12)}…`)),
  );
  expect(leaks).toEqual([]);
});
