import * as fs from "node:fs";
import { TEST_CLOCK_VARIABLE } from "../../provider/handlers/rotation";
import * as path from "node:path";
import { inspect } from "node:util";
import type { LocalWorkspace } from "@pulumi/pulumi/automation";
import { encodings } from "../../scripts/engine/stateScan";
import { example, openE2eStack, type E2eStack } from "../e2e/harness";

/*
 * The leak scan, on the real engine: every example through `pulumi` (up, a change, a failure,
 * recovery, destroy: for the rotating examples the change is a rotation that fails half-way, the new
 * key created and the hand-over refused, and the recovery finishes it) with known sentinel values for the NCP secret key and the API key, and every
 * keySecret NCP returns collected as it appears, besides each stack's passphrase. Then everything
 * the runs produced is searched for each of them, also base64- and URL-encoded: the backend
 * directory (checkpoints, backups, history: they hold the serialized `__provider` texts), the
 * project directory (the stack config), PULUMI_HOME, the CLI's stdout and stderr (which carry the
 * dynamic-provider plugin's output, with NCLOUD_DEBUG=1), this process's stdout and stderr (the
 * inline program and its get functions run here, also with NCLOUD_DEBUG=1), and every error.
 */
const SECRET_KEY = "SENTINEL-ncp-secret-key-7f3a9c";
const API_KEY = "SENTINEL-nsml-api-key-51be02";
const SERVICE_GROUP = "1531843";
const emulator = { secretKey: SECRET_KEY, apiKey: API_KEY };

jest.setTimeout(300_000);

interface Artifact {
  where: string;
  text: string;
}

const artifacts: Artifact[] = [];
const secrets = new Set<string>([SECRET_KEY, API_KEY]);
/** Node's own process: under jest, `process` is a copy, and the program writes to Node's streams. */
const nodeProcess: NodeJS.Process = process.getBuiltinModule("node:process");

function captureProcessOutput(): () => void {
  const restore: Array<() => void> = [];
  for (const stream of [nodeProcess.stdout, nodeProcess.stderr]) {
    // Recorded, not passed on: the debug lines the scan turns on are for the scan, not the test log.
    const write = stream.write;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      artifacts.push({ where: "this process's output", text: String(chunk) });
      const done = rest.find((r) => typeof r === "function") as (() => void) | undefined;
      if (done) nodeProcess.nextTick(done);
      return true;
    }) as typeof stream.write;
    restore.push(() => (stream.write = write));
  }
  return () => restore.forEach((r) => r());
}

let stopCapture: () => void;
beforeAll(() => (stopCapture = captureProcessOutput()));
afterAll(() => {
  stopCapture();
  delete nodeProcess.env.NCLOUD_DEBUG;
});

/** A stack of an example on the emulator, debug lines on in the plugin and, for the program, here. */
async function openExample(name: string, config: Record<string, string> = {}): Promise<E2eStack> {
  const e2e = await openE2eStack({ program: example(name), config, emulator, env: { NCLOUD_DEBUG: "1" } });
  // After opening: the stack drops NCLOUD_* from this process's environment.
  nodeProcess.env.NCLOUD_DEBUG = "1";
  secrets.add(e2e.passphrase);
  return e2e;
}

/** The CLI's stdout and stderr of one operation, recorded. */
function cliOutput(label: string) {
  return {
    onOutput: (text: string) => void artifacts.push({ where: `${label}: CLI stdout`, text }),
    onError: (text: string) => void artifacts.push({ where: `${label}: CLI stderr`, text }),
  };
}

async function failing(label: string, operation: Promise<unknown>): Promise<void> {
  const error = await operation.then(
    () => undefined,
    (e: unknown) => e,
  );
  // A CommandError of the Automation API, which Node's own require loaded: not jest's realm's Error.
  expect(error).toHaveProperty("message");
  const e = error as Error;
  artifacts.push({ where: `${label}: error`, text: [e.message, e.stack, inspect(e), JSON.stringify(e)].join("\n") });
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** The keySecrets NCP holds right now (deleted keys vanish later). */
function collectSecrets(e2e: E2eStack): void {
  for (const account of e2e.emulator.state.subAccounts.values()) for (const key of account.keys.values()) secrets.add(key.keySecret);
  for (const issued of e2e.emulator.state.stsIssued) secrets.add(issued.keySecret);
}

/** Everything the stack left on disk, then the stack is gone. */
async function closeExample(label: string, e2e: E2eStack): Promise<void> {
  collectSecrets(e2e);
  const pulumiHome = (e2e.stack.workspace as LocalWorkspace).pulumiHome ?? "";
  const dirs = { backend: e2e.backendDir, project: e2e.workDir, "PULUMI_HOME": pulumiHome };
  for (const [kind, dir] of Object.entries(dirs)) {
    for (const file of filesUnder(dir)) artifacts.push({ where: `${label}: ${kind} ${path.relative(dir, file)}`, text: fs.readFileSync(file, "latin1") });
  }
  await e2e.close();
}

/*
 * A rotation's steps all run here, split over two ups: the failed one creates the new key (the
 * replacement), the recovery hands it over and deletes the old one. An up that rotates in one go
 * runs the same steps on the same resources, and is scanned there: for every key secret in plain
 * text, the state, stack config and CLI output (examples/keyRotation.test.ts), the state
 * directory of examples/gitops (gitops.test.ts).
 */
test.each(["key-rotation", "gitops"])("examples/%s: up, a failed rotation, recovery, destroy", async (name) => {
  const e2e = await openExample(name, { subAccountId: "4e066e50-9c3a-11e7-8a66-1e5021fa7c80", serviceGroupInstanceNo: SERVICE_GROUP, rotation: "2026-06" });
  try {
    const first = await e2e.stack.up(cliOutput(name));
    secrets.add(String(first.outputs.keySecret.value));
    collectSecrets(e2e);
    e2e.emulator.state.serviceGroups.delete(SERVICE_GROUP);
    await e2e.setConfig({ rotation: "2026-07" });
    await failing(name, e2e.stack.up(cliOutput(name)));
    collectSecrets(e2e);
    e2e.emulator.state.addServiceGroup(SERVICE_GROUP);
    const recovered = await e2e.stack.up(cliOutput(name));
    secrets.add(String(recovered.outputs.keySecret.value));
    collectSecrets(e2e);
    await e2e.stack.destroy(cliOutput(name));
  } finally {
    await closeExample(name, e2e);
  }
});

test("examples/temporary-credentials: up, renewal, bad input, destroy", async () => {
  const name = "temporary-credentials";
  const e2e = await openExample(name);
  try {
    const minted = await e2e.stack.up(cliOutput(name));
    collectSecrets(e2e);
    // Due for renewal: 5 minutes before expiry by the provider's test clock (loopback only).
    const expireTime = minted.outputs.expireTime.value as string;
    e2e.stack.workspace.envVars[TEST_CLOCK_VARIABLE] = new Date(Date.parse(expireTime) - 300_000).toISOString();
    await e2e.stack.up(cliOutput(name));
    delete e2e.stack.workspace.envVars[TEST_CLOCK_VARIABLE];
    collectSecrets(e2e);
    await e2e.setConfig({ durationSec: "60" });
    await failing(name, e2e.stack.up(cliOutput(name)));
    await e2e.stack.destroy(cliOutput(name));
    expect(e2e.emulator.state.stsIssued.length).toBeGreaterThanOrEqual(2);
  } finally {
    await closeExample(name, e2e);
  }
});

test("examples/nsml-keys: up, destroy, then a wrong API key", async () => {
  const name = "nsml-keys";
  const e2e = await openExample(name, { title: "ci" });
  try {
    await e2e.stack.up(cliOutput(name));
    await e2e.stack.destroy(cliOutput(name));
    const wrongKey = "SENTINEL-wrong-api-key-9d41";
    secrets.add(wrongKey);
    await e2e.setConfig({ "ncloud:apiKey": wrongKey }, ["ncloud:apiKey"]);
    await failing(name, e2e.stack.up(cliOutput(name)));
  } finally {
    await closeExample(name, e2e);
  }
});

test("nothing any run produced holds a secret, in plain text, base64 or URL-encoded", () => {
  // The scan saw what it claims to: providers in state, debug lines from the plugin and the program.
  const at = (where: RegExp) => artifacts.filter((a) => where.test(a.where)).map((a) => a.text).join("\n");
  expect(at(/backend/)).toContain("exports.handler");
  expect(at(/CLI std/)).toMatch(/ncloud: POST \/api\/v1\/sub-accounts\/[^ ]+\/access-keys -> 201/);
  expect(at(/this process/)).toMatch(/ncloud: GET \/api\/v1\/credentials -> 200/);
  expect(at(/: error$/)).toMatch(/service group|serviceGroupInstanceNo/i);
  expect(secrets.size).toBeGreaterThan(10);

  const leaks = artifacts.flatMap((a) =>
    [...secrets].flatMap((secret) => encodings(secret).filter((form) => a.text.includes(form)).map(() => `${a.where}: ${secret.slice(0, 12)}…`)),
  );
  expect(leaks).toEqual([]);
});
