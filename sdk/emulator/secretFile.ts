import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

/**
 * Writes a file that holds secrets (the emulator's `--exports-file`: its keys) the way such a file
 * must be written:
 * - readable by its owner only: created with mode 0600, never an existing file reused with its
 *   own mode;
 * - never through a planted symlink: the text goes to a new file of an unguessable name beside
 *   the target, created with O_CREAT | O_EXCL (`wx`), which fails on anything already there,
 *   a symlink included, instead of following it; the rename that puts it in place replaces a
 *   symlink at the target rather than writing where it points;
 * - whole or not at all: a reader waiting for the file never sees half of it.
 */
export function writeSecretFile(file: string, text: string): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(8).toString("hex")}.tmp`);
  const fd = fs.openSync(temp, "wx", 0o600);
  try {
    try {
      fs.writeFileSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}
