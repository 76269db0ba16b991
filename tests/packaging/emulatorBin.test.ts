/**
 * The `ncloud-emulator` bin as a shell runs it: the built file package.json's `bin` points to.
 * `eval "$(ncloud-emulator --detach)"` must return (a `$(…)` reads until stdout closes), and the
 * background emulator must serve with the printed keys until killed. Needs dist/ (`npm run build`).
 */
import { execFile, spawn } from "node:child_process";
import { once } from "node:events";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { signedRequest, type Target } from "../emulator/signedRequest";

const repoRoot = path.resolve(__dirname, "..", "..");
const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { bin: Record<string, string> };
const bin = path.join(repoRoot, pkg.bin["ncloud-emulator"]);

function parseExports(text: string): Record<string, string> {
  return Object.fromEntries([...text.matchAll(/^export (\w+)='?([^'\n]*)'?$/gm)].map(([, name, value]) => [name, value]));
}

function target(env: Record<string, string>): Target {
  return { url: env.NCLOUD_API_URL, accessKey: env.NCLOUD_ACCESS_KEY, secretKey: env.NCLOUD_SECRET_KEY, apiKey: env.NCLOUD_API_KEY };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Resolves once `pid` is gone; a process we did not spawn has no exit event, so this polls, bounded. */
async function waitForExit(pid: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (isRunning(pid)) {
    if (Date.now() > deadline) throw new Error(`process ${pid} still running after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Runs the bin to completion like `$(…)`: resolves with stdout once the process exits and stdout closes. */
function runToEnd(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [bin, ...args], { timeout: 20_000, killSignal: "SIGKILL" }, (error, stdout, stderr) =>
      error ? reject(Object.assign(error, { stderr })) : resolve({ stdout, stderr }),
    );
  });
}

beforeAll(() => {
  if (!fs.existsSync(bin)) throw new Error(`${bin} is missing: run \`npm run build\``);
});

describe("ncloud-emulator (the package's bin)", () => {
  test("starts with a #!/usr/bin/env node line, so npm can link it as a command", () => {
    expect(fs.readFileSync(bin, "utf8").split("\n")[0]).toBe("#!/usr/bin/env node");
  });

  test("--help prints the usage on stdout and exits 0", async () => {
    const { stdout } = await runToEnd(["--help"]);
    expect(stdout).toMatch(/^usage: ncloud-emulator /);
    expect(stdout).toContain("--detach");
    expect(stdout).toContain("--exports-file");
  });

  test("an unknown flag exits 2 with the usage on stderr", async () => {
    await expect(runToEnd(["--verbose"])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining("unknown argument: --verbose") });
  });

  test("--detach returns with the exports and a pid; the background emulator serves them until killed", async () => {
    const { stdout } = await runToEnd(["--detach", "--max-active-keys", "1"]);
    const env = parseExports(stdout);
    const pid = Number(env.NCLOUD_EMULATOR_PID);
    expect(Number.isInteger(pid) && pid > 0).toBe(true);
    try {
      const keys = `/api/v1/sub-accounts/${env.NCLOUD_SUB_ACCOUNT_IDS}/access-keys`;
      expect((await signedRequest(target(env), { method: "POST", path: keys })).status).toBe(201);
      expect((await signedRequest(target(env), { method: "POST", path: keys })).status).toBe(409);
    } finally {
      if (isRunning(pid)) process.kill(pid, "SIGTERM");
      await waitForExit(pid);
    }
  });

  test("--exports-file writes the same exports to the file once listening, and keeps serving", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ncloud-exports-file-"));
    const exportsFile = path.join(dir, "emulator.env");
    const child = spawn(process.execPath, [bin, "--exports-file", exportsFile], { stdio: ["ignore", "pipe", "ignore"] });
    try {
      let printed = "";
      child.stdout.setEncoding("utf8");
      // The file is renamed into place before the lines are printed: the last line is the event.
      await new Promise<void>((resolve, reject) => {
        child.stdout.on("data", (chunk: string) => {
          printed += chunk;
          if (printed.includes("NCLOUD_SERVICE_GROUPS")) resolve();
        });
        child.once("exit", (code) => reject(new Error(`exited early with ${code}`)));
      });
      expect(fs.readFileSync(exportsFile, "utf8")).toBe(printed);
      expect((fs.statSync(exportsFile).mode & 0o077).toString(8)).toBe("0");
      const env = parseExports(printed);
      expect((await signedRequest(target(env), { path: "/nsml/v1/auth-keys" })).status).toBe(200);
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      expect((await exited)[0]).toBe(0);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  test("--exports-file never writes through a symlink planted at its temporary name or at the file, and is 0600", async () => {
    if (process.platform === "win32") return;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ncloud-exports-link-"));
    const exportsFile = path.join(dir, "emulator.env");
    const victim = path.join(dir, "victim");
    const otherVictim = path.join(dir, "other-victim");
    fs.writeFileSync(victim, "victim\n", { mode: 0o644 });
    fs.writeFileSync(otherVictim, "other\n", { mode: 0o644 });
    fs.symlinkSync(otherVictim, exportsFile);
    // `exec` keeps the shell's pid, so $$ is the emulator's pid: the name a predictable temporary file would have.
    const script = 'ln -s "$1" "$2.$$.tmp" && exec "$3" "$4" --exports-file "$2"';
    const child = spawn("sh", ["-c", script, "sh", victim, exportsFile, process.execPath, bin], { stdio: ["ignore", "pipe", "ignore"] });
    try {
      let printed = "";
      child.stdout.setEncoding("utf8");
      await new Promise<void>((resolve, reject) => {
        child.stdout.on("data", (chunk: string) => {
          printed += chunk;
          if (printed.includes("NCLOUD_SERVICE_GROUPS")) resolve();
        });
        child.once("exit", (code) => reject(new Error(`exited early with ${code}`)));
      });
      expect(fs.readFileSync(victim, "utf8")).toBe("victim\n");
      expect(fs.readFileSync(otherVictim, "utf8")).toBe("other\n");
      const written = fs.lstatSync(exportsFile);
      expect(written.isFile()).toBe(true);
      expect((written.mode & 0o777).toString(8)).toBe("600");
      expect(fs.readFileSync(exportsFile, "utf8")).toBe(printed);
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      await exited;
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
