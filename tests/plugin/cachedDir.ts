/**
 * A directory made once for a content key and kept for the next run (in ../keptDir, this user's):
 * the SDK tests' dependencies and build trees, whose making costs seconds of CPU and whose
 * content is fixed by the key.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { keptDir } from "../keptDir";

const DAY_MS = 24 * 3600 * 1000;
/** A directory of the same prefix unused for this long is removed when another one is made. */
const UNUSED_MS = 7 * DAY_MS;

/**
 * `<keptDir>/<prefix><key>`, made by `make(dir)` when missing. `make` works in a temp directory
 * renamed into place once it returns, so a reader (another jest worker, another run) sees a whole
 * directory or none; when two runs make it at once, the second one's copy is dropped.
 */
export function cachedDir(prefix: string, key: string, make: (dir: string) => void): string {
  const dir = path.join(keptDir(), `${prefix}${key}`);
  if (fs.existsSync(dir)) {
    const now = new Date();
    fs.utimesSync(dir, now, now); // in use: kept by pruneUnused
    return dir;
  }
  const partial = fs.mkdtempSync(`${dir}.partial-`);
  try {
    make(partial);
    try {
      fs.renameSync(partial, dir);
    } catch (error) {
      if (!fs.existsSync(dir)) throw error; // made by another run meanwhile: use that one
    }
  } finally {
    fs.rmSync(partial, { recursive: true, force: true });
  }
  pruneUnused(prefix, dir);
  return dir;
}

/** Removes the directories of `prefix` (and partial ones a killed run left) unused for a week, but `keep`. */
function pruneUnused(prefix: string, keep: string): void {
  const kept = keptDir();
  for (const name of fs.readdirSync(kept)) {
    const dir = path.join(kept, name);
    if (!name.startsWith(prefix) || dir === keep) continue;
    try {
      if (Date.now() - fs.statSync(dir).mtimeMs > UNUSED_MS) fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // removed by another run meanwhile
    }
  }
}
