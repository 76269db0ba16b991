/**
 * Starts the dynamic-provider host process that `pulumi up` runs for `pulumi-nodejs` resources,
 * and waits for the port it prints.
 */
import { spawn, type ChildProcess } from "node:child_process";

/** The host's entry point, from the same @pulumi/pulumi the repo (and a user's project) installs. */
export const dynamicProviderEntry = require.resolve("@pulumi/pulumi/cmd/dynamic-provider/index.js");

export interface HostProcessOptions {
  /** The program and its arguments; default the dynamic-provider host: `node <entry> 127.0.0.1:1`. */
  command?: { file: string; args: string[] };
  /** Working directory; the host resolves `require()` inside serialized closures from here. */
  cwd?: string;
  /** The host's whole environment (not merged). Defaults to this process's environment. */
  env?: NodeJS.ProcessEnv;
  /** How long to wait for the port. */
  startTimeoutMs?: number;
}

export interface HostProcess {
  port: number;
  /** Everything the host wrote to stdout and stderr so far, interleaved as received. */
  output(): string;
  /**
   * Resolves once the output (from `from`, an earlier `output().length`) matches `pattern`: the
   * host writes to a pipe, so a line printed during a gRPC call can arrive after its answer.
   * Rejects with the output after `timeoutMs` (default 5 s) or when the host exits.
   */
  waitForOutput(pattern: RegExp, options?: { from?: number; timeoutMs?: number }): Promise<string>;
  /** Kills the host and resolves once it has exited and all its output has arrived. */
  kill(): Promise<void>;
}

/** Spawns the host (`node <dynamic-provider> 127.0.0.1:1` unless `command` says otherwise) and resolves with the port it listens on. */
export function startHostProcess(options: HostProcessOptions = {}): Promise<HostProcess> {
  // The engine address is only read for its presence: the host never dials it.
  const command = options.command ?? { file: process.execPath, args: [dynamicProviderEntry, "127.0.0.1:1"] };
  const child = spawn(command.file, command.args, {
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? process.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  // "close", not "exit": it comes once stdout and stderr are drained too, so output() is complete.
  const exited = new Promise<void>((resolve) => child.once("close", () => resolve()));

  const waitForOutput: HostProcess["waitForOutput"] = (pattern, { from = 0, timeoutMs = 5_000 } = {}) =>
    new Promise<string>((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        child.stdout.off("data", check);
        child.stderr.off("data", check);
        child.off("exit", onExit);
      };
      // Listeners run after the accumulating ones above (added first), so `output` is current.
      const check = (): void => {
        const match = pattern.exec(output.slice(from));
        if (match) {
          done();
          resolve(match[0]);
        }
      };
      const giveUp = (why: string) => (): void => {
        done();
        reject(new Error(`host output did not match ${pattern} ${why}; output since ${from}:\n${output.slice(from)}`));
      };
      const onExit = giveUp("before the host exited");
      const timer = setTimeout(giveUp(`within ${timeoutMs} ms`), timeoutMs);
      child.stdout.on("data", check);
      child.stderr.on("data", check);
      child.once("exit", onExit);
      check();
    });

  const host = (port: number): HostProcess => ({
    port,
    output: () => output,
    waitForOutput,
    kill: () => killAndWait(child, exited),
  });

  return new Promise<HostProcess>((resolve, reject) => {
    const fail = (why: string): void => {
      clearTimeout(timer);
      void killAndWait(child, exited);
      reject(new Error(`dynamic-provider host ${why}; output so far:\n${output}`));
    };
    const timer = setTimeout(() => fail("printed no port in time"), options.startTimeoutMs ?? 10_000);
    child.once("error", (err) => fail(`failed to start (${err.message})`));
    const onExit = (code: number | null, signal: string | null): void =>
      fail(`exited before printing a port (code ${code}, signal ${signal})`);
    child.once("exit", onExit);
    const onData = (): void => {
      // The port is the first line the host prints.
      const match = /^(\d+)\r?\n/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.off("exit", onExit);
        child.stdout.off("data", onData);
        resolve(host(Number(match[1])));
      }
    };
    child.stdout.on("data", onData);
  });
}

async function killAndWait(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill("SIGKILL");
  }
  await exited;
}
