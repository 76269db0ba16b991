import { execFile, execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { NcloudConfig } from "../../sdk/settings/config";

/*
 * ~/.ncloud/configure holds a secret key; the ncloud CLI writes it with the umask's mode, often
 * 0644. Reading it when others can is worth one warning per file, naming the file and the fix.
 */
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function credentialsFile(mode: number): string {
  const dir = mkdtempSync(join(tmpdir(), "ncloud-mode-"));
  dirs.push(dir);
  const file = join(dir, "configure");
  writeFileSync(file, "[DEFAULT]\nncloud_access_key_id = FILEKEY\nncloud_secret_access_key = file-secret-key-123\n");
  chmodSync(file, mode);
  return file;
}

/** The warning lines written to stderr while `body` runs. */
function warningsDuring(body: () => void): string[] {
  const lines: string[] = [];
  const write = jest.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    body();
  } finally {
    write.mockRestore();
  }
  return lines.filter((line) => line.startsWith("warning:"));
}

const onWindows = process.platform === "win32";

(onWindows ? test.skip : test).each([
  ["0644", 0o644],
  ["0640", 0o640],
  ["0604", 0o604],
  ["0620", 0o620],
])("a file with mode %s is used, with one warning naming it and chmod 600", (_octal, mode) => {
  const file = credentialsFile(mode);
  const lines = warningsDuring(() => {
    // Two clients of one process read the same file: one warning.
    for (let i = 0; i < 2; i++) expect(new NcloudConfig({ env: {}, configFile: file }).credentials("x.y")).toEqual({ accessKey: "FILEKEY", secretKey: "file-secret-key-123" });
  });
  expect(lines).toEqual([`warning: ${file} has mode 0${mode.toString(8)}: users other than its owner can read or change it, and it holds an NCP secret key. Fix: chmod 600 ${file}\n`]);
  expect(lines.join("")).not.toContain("file-secret-key-123");
});

test("each file is warned about once: a second loose file gets its own warning", () => {
  const [first, second] = [credentialsFile(0o644), credentialsFile(0o644)];
  const lines = warningsDuring(() => {
    for (const file of [first, second, first, second]) new NcloudConfig({ env: {}, configFile: file }).credentials("x.y");
  });
  expect(lines.map((line) => line.includes(first) ? "first" : line.includes(second) ? "second" : line)).toEqual(onWindows ? [] : ["first", "second"]);
});

test("a file only its owner can read (0600, 0400) is used without a word", () => {
  const lines = warningsDuring(() => {
    for (const mode of [0o600, 0o400]) new NcloudConfig({ env: {}, configFile: credentialsFile(mode) }).credentials("x.y");
  });
  expect(lines).toEqual([]);
});

test("a file that is not read (credentials from the environment) is not warned about", () => {
  const file = credentialsFile(0o644);
  const lines = warningsDuring(() => {
    new NcloudConfig({ env: { NCLOUD_ACCESS_KEY: "ENVKEY", NCLOUD_SECRET_KEY: "env-secret-key-1" }, configFile: file }).credentials("x.y");
  });
  expect(lines).toEqual([]);
});

/*
 * A FIFO blocks a synchronous read until something writes to it, which would freeze the process
 * (and a jest worker with it): so this runs the built SDK in a child with a deadline.
 */
(onWindows ? test.skip : test)("a FIFO planted at the path is neither waited on nor read: no credentials, said as such", async () => {
  const dir = mkdtempSync(join(tmpdir(), "ncloud-fifo-"));
  dirs.push(dir);
  const fifo = join(dir, "configure");
  execFileSync("mkfifo", [fifo]);
  const script = `
    const { NcloudConfig } = require(${JSON.stringify(join(__dirname, "..", "..", "dist", "sdk", "settings", "config.js"))});
    try { new NcloudConfig({ env: {}, configFile: ${JSON.stringify(fifo)} }).credentials("x.y"); } catch (e) { process.stdout.write(e.message); }
  `;
  const { stdout } = await promisify(execFile)(process.execPath, ["-e", script], { timeout: 10_000, killSignal: "SIGKILL" });
  expect(stdout).toMatch(/no NCP credentials found/);
});
