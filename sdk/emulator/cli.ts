#!/usr/bin/env node
/**
 * `ncloud-emulator` (the package's bin; `npm run -s emulator --` in a clone): starts the emulator
 * and prints `export NAME='value'` lines for a shell. Three ways to hand them over:
 *
 * - foreground (default): print, then serve until SIGINT or SIGTERM. Fine in its own terminal;
 *   `eval "$(ncloud-emulator)"` would wait forever, because `$(…)` reads until stdout closes.
 * - `--detach`: a background process serves; this one prints the lines (plus
 *   `NCLOUD_EMULATOR_PID`, for `kill`) once it listens, and exits: `eval "$(ncloud-emulator --detach)"`.
 * - `--exports-file PATH`: also write the lines to PATH once listening (a complete file appears in one
 *   rename), for a script that starts the emulator in the background and waits for the file. Not
 *   `--env-file`: Node 20 takes that flag for itself wherever it appears, even after the script.
 *
 * It prints the secret key and API key on purpose: they are throwaway values generated for this
 * run, and the caller needs them to sign requests. Notes for humans go to stderr.
 */
import { spawn } from "node:child_process";
import { writeSecretFile } from "./secretFile";
import { startEmulator } from "./server";
import type { Emulator } from "./types";

export const usage = `usage: ncloud-emulator [--port N] [--max-active-keys N] [--exports-file PATH] [--detach] [--help]

Starts a local NAVER Cloud Platform stand-in on 127.0.0.1 that checks request signatures like the
API Gateway, and prints the NCLOUD_* variables a client needs as shell export lines.

  --port N              listen on port N, 0..65535 (default: a free port)
  --max-active-keys N   active access keys allowed per sub account, 0..1000 (default 2, as on NCP)
  --exports-file PATH   also write the export lines to PATH (mode 0600) once listening
  --detach              serve from a background process; print the export lines and
                        NCLOUD_EMULATOR_PID, then exit
  --help                print this and exit

  eval "$(ncloud-emulator --detach)"   # then: kill "$NCLOUD_EMULATOR_PID"
`;

export interface CliOptions {
  port?: number;
  maxActiveKeys?: number;
  exportsFile?: string;
  detach?: boolean;
  help?: boolean;
}

export function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === "--help" || flag === "-h") options.help = true;
    else if (flag === "--detach") options.detach = true;
    else if (flag === "--exports-file") {
      const file = argv[++i];
      if (!file) throw new Error("--exports-file needs a path");
      options.exportsFile = file;
    } else if (flag === "--port" || flag === "--max-active-keys") {
      const text = argv[++i] ?? "";
      const value = /^[0-9]{1,6}$/.test(text) ? Number(text) : Number.NaN;
      // A port is 16 bits; more than 1000 active keys per sub account stands for no limit at all.
      const max = flag === "--port" ? 65535 : 1000;
      if (!(value <= max)) throw new Error(`${flag} needs a whole number from 0 to ${max}`);
      if (flag === "--port") options.port = value;
      else options.maxActiveKeys = value;
    } else throw new Error(`unknown argument: ${flag}`);
  }
  return options;
}

/** Shell lines that set the environment a client of the emulator needs. */
export function exportLines(emulator: Emulator): string[] {
  const groups = [...emulator.state.serviceGroups].map(([no, group]) => `${no}:${group.region}`);
  const vars: Array<[string, string]> = [
    ["NCLOUD_API_URL", emulator.url],
    ["NCLOUD_ACCESS_KEY", emulator.accessKey],
    ["NCLOUD_SECRET_KEY", emulator.secretKey],
    ["NCLOUD_API_KEY", emulator.apiKey],
    ["NCLOUD_SUB_ACCOUNT_IDS", [...emulator.state.subAccounts.keys()].join(",")],
    ["NCLOUD_SERVICE_GROUPS", groups.join(",")],
  ];
  return vars.map(([name, value]) => `export ${name}=${shellQuote(value)}`);
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The last line `exportLines` prints: once it has arrived, the background emulator is listening. */
const LAST_EXPORT = /^export NCLOUD_SERVICE_GROUPS=.*\n/m;

/**
 * Starts this CLI again as a detached process with the same options (minus `--detach`), waits for
 * its export lines, prints them and its pid, and returns: nothing of ours then holds the caller's
 * stdout open. The child's stdio is ignored or closed, so it never writes to a closed pipe.
 */
async function detach(argv: string[]): Promise<void> {
  const args = argv.filter((arg) => arg !== "--detach");
  // From a clone (`npm run emulator`, ts-node in this process) the child needs ts-node too.
  const fromSource = __filename.endsWith(".ts") && !process.execArgv.some((arg) => arg.includes("ts-node"));
  const loader = fromSource ? ["-r", "ts-node/register/transpile-only"] : [];
  const child = spawn(process.execPath, [...process.execArgv, ...loader, __filename, ...args], {
    detached: true,
    stdio: ["ignore", "pipe", "ignore"],
  });
  let out = "";
  child.stdout.setEncoding("utf8");
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the background emulator printed nothing within 15 s")), 15_000);
    child.stdout.on("data", (chunk: string) => {
      out += chunk;
      if (LAST_EXPORT.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the background emulator exited with ${code}`));
    });
  }).catch((error: unknown) => {
    if (child.exitCode === null) child.kill("SIGTERM");
    throw error;
  });
  child.stdout.destroy();
  child.unref();
  process.stdout.write(`${out}export NCLOUD_EMULATOR_PID=${child.pid}\n`);
  process.stderr.write(`# NCP emulator running in the background (pid ${child.pid}); stop it with: kill ${child.pid}\n`);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  let options: CliOptions;
  try {
    options = parseArgs(argv);
  } catch (error) {
    process.stderr.write(`ncloud-emulator: ${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
  if (options.help) {
    process.stdout.write(usage);
    return;
  }
  if (options.detach) {
    await detach(argv);
    return;
  }
  const emulator = await startEmulator({ port: options.port, maxActiveKeys: options.maxActiveKeys });
  const text = `${exportLines(emulator).join("\n")}\n`;
  // It holds the emulator's secret key and API key: owner-only, never through a planted symlink.
  if (options.exportsFile) writeSecretFile(options.exportsFile, text);
  // A detached child's stdout is closed once its parent has read the lines: never crash on that.
  process.stdout.on("error", () => undefined);
  process.stdout.write(text);
  process.stderr.write(`# NCP emulator listening on ${emulator.url}; Ctrl-C to stop\n`);
  const stop = () => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`ncloud-emulator: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
