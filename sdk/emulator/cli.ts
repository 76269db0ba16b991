/**
 * `npm run -s emulator [-- --port N --max-active-keys N]`: starts the emulator and prints
 * `export NAME='value'` lines for a shell to eval, then runs until SIGINT or SIGTERM.
 *
 * It prints the secret key and API key on purpose: they are throwaway values generated for this
 * run, and the caller needs them to sign requests. Notes for humans go to stderr.
 */
import { startEmulator } from "./server";
import type { Emulator } from "./types";

interface CliOptions {
  port?: number;
  maxActiveKeys?: number;
}

export function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag !== "--port" && flag !== "--max-active-keys") throw new Error(`unknown argument: ${flag}`);
    const value = Number(argv[++i]);
    if (!Number.isInteger(value) || value < 0) throw new Error(`${flag} needs a non-negative integer`);
    if (flag === "--port") options.port = value;
    else options.maxActiveKeys = value;
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

async function main(): Promise<void> {
  let options: CliOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`emulator: ${(error as Error).message}\nusage: emulator [--port N] [--max-active-keys N]\n`);
    process.exit(2);
  }
  const emulator = await startEmulator(options);
  process.stdout.write(`${exportLines(emulator).join("\n")}\n`);
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
    process.stderr.write(`emulator: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
