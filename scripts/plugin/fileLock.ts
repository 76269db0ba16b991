/**
 * An exclusive lock between the processes of one machine, for work that several of them may ask
 * for at once and only one should do (two jest workers packing the same plugin tarball).
 *
 * The lock is held by a flock(1) child: the kernel queues the waiters (nothing polls) and frees the
 * lock however the holder ends, since the child exits when our end of its stdin closes, on exit or
 * crash alike, so no stale lock file ever blocks a later run. Where flock(1) is missing (it is
 * util-linux's; macOS lacks it) the work runs unlocked: each process then does it itself.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";

/** Runs `work` while holding an exclusive lock on `lockFile`; waits at most `timeoutSec` for it. */
export async function withFileLock<T>(lockFile: string, work: () => T | Promise<T>, timeoutSec = 900): Promise<T> {
  // `echo` says the lock is taken; `cat` holds it until our end of the pipe closes.
  const holder = spawn("flock", ["--exclusive", "--timeout", String(timeoutSec), lockFile, "sh", "-c", "echo locked && exec cat >/dev/null"], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  const exited = once(holder, "exit").catch(() => undefined);
  let stderr = "";
  holder.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const locked = await new Promise<boolean>((resolve, reject) => {
    holder.once("error", (error: NodeJS.ErrnoException) => (error.code === "ENOENT" ? resolve(false) : reject(error)));
    holder.stdout.once("data", () => resolve(true));
    holder.once("exit", (code) => reject(new Error(`flock ${lockFile} ended (${code}) without the lock, after ${timeoutSec} s at most: ${stderr.trim()}`)));
  });
  try {
    return await work();
  } finally {
    if (locked) {
      holder.stdin.end();
      await exited;
    }
  }
}
