/**
 * The two places the gitops workflow runs from, built on disk as a user gets them:
 * - a copy of this repository (its files as `git ls-files` lists them, uncommitted edits
 *   included), the example inside it as an npm workspace;
 * - a new repository the example folder is copied out to, by the shell commands of the example's
 *   README, run as written.
 */
import { execFile, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const repoRoot = path.resolve(__dirname, "..", "..", "..");
export const exampleDir = path.join(repoRoot, "examples", "gitops");

/** Room the layouts take: two installs (about 300 MB) and the tarball, with margin. */
const SCRATCH_ROOM = 1024 ** 3;

/** A new directory under `root` if the layouts fit and can run programs there, else undefined. */
function roomyDirectory(root: string, prefix: string): string | undefined {
  let dir: string | undefined;
  try {
    const stats = fs.statfsSync(root);
    if (stats.bavail * stats.bsize < SCRATCH_ROOM) return undefined;
    dir = fs.mkdtempSync(path.join(root, prefix));
    // npm runs node_modules/.bin, the README runs ./check-rotation.sh: a noexec mount (Docker's
    // /dev/shm) would refuse them, and access(2) says so for a file with its x bits set.
    const probe = path.join(dir, "probe");
    fs.writeFileSync(probe, "", { mode: 0o755 });
    fs.accessSync(probe, fs.constants.X_OK);
    fs.rmSync(probe);
    return dir;
  } catch {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    return undefined; // no such directory (not Linux), not ours to write, or noexec
  }
}

/**
 * A new directory for the layouts. Each install writes some 15,000 files, and on a tmpfs the
 * kernel's share of that is a third of ext4's (measured here, `npm ci` of this repository: 4 s of
 * system time on /dev/shm, 11-17 s under /tmp, the same user time), so /dev/shm is used when it
 * has the room (a container's default is 64 MB) and memory is free to hold it (a tmpfs is memory),
 * the OS's temp directory otherwise.
 */
export function scratchDir(prefix: string): string {
  const inMemory = os.freemem() >= 2 * SCRATCH_ROOM ? roomyDirectory("/dev/shm", prefix) : undefined;
  return inMemory ?? fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Copies the repository's files (tracked, and new ones not ignored) to `dest`: what a clone holds. */
export function copyRepository(dest: string): void {
  const listed = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: repoRoot, encoding: "utf8" });
  for (const file of new Set(listed.split("\0").filter(Boolean))) {
    const from = path.join(repoRoot, file);
    if (!fs.existsSync(from)) continue; // deleted in the worktree, not yet committed
    fs.mkdirSync(path.dirname(path.join(dest, file)), { recursive: true });
    fs.copyFileSync(from, path.join(dest, file));
    fs.chmodSync(path.join(dest, file), fs.statSync(from).mode);
  }
}

/** The ```sh blocks of the README section under `heading` (a `#` line, up to the next one of its level or above). */
export function readmeShellBlocks(readme: string, heading: string): string[] {
  const lines = readme.split("\n");
  const start = lines.findIndex((l) => l.trim() === heading);
  if (start < 0) throw new Error(`the README has no heading ${JSON.stringify(heading)}`);
  const level = /^#+/.exec(heading)![0].length;
  const end = lines.findIndex((l, i) => i > start && /^#+ /.test(l) && /^#+/.exec(l)![0].length <= level);
  const section = lines.slice(start, end < 0 ? undefined : end).join("\n");
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);
}

/**
 * npm settings of this machine, not changes to any command: answer from the cache when it can, skip
 * the audit, funding and update-check requests.
 */
export const npmSettings: Record<string, string> = {
  npm_config_prefer_offline: "true",
  npm_config_audit: "false",
  npm_config_fund: "false",
  npm_config_update_notifier: "false",
};

/** Runs shell commands (a README block) with `bash -e` in `cwd`, with npmSettings. */
export function runCommands(commands: string, cwd: string, env: Record<string, string> = {}): Promise<{ exitCode: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      "bash",
      ["-e", "-c", commands],
      {
        cwd,
        maxBuffer: 64 * 1024 * 1024,
        env: {
          ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("NCLOUD_"))),
          ...npmSettings,
          ...env,
        },
      },
      (error, stdout, stderr) => resolve({ exitCode: error ? (typeof error.code === "number" ? error.code : 1) : 0, output: stdout + stderr }),
    );
  });
}
