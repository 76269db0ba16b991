import { closeSync, constants, fstatSync, openSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { warnOnce } from "./warnings";

/**
 * The ncloud CLI's credentials file, `~/.ncloud/configure`, an INI file with a `[DEFAULT]` profile
 * and named ones (ncp-iam-authenticator picks one with NCLOUD_PROFILE):
 *   [DEFAULT]
 *   ncloud_access_key_id = ...
 *   ncloud_secret_access_key = ...
 *   [staging]
 *   ...
 * Sections are kept apart, so a key id of one profile is never paired with another's secret.
 * Lines before the first header belong to DEFAULT; within a section the first value of a key wins.
 */
export const DEFAULT_PROFILE = "DEFAULT";

export type ConfigFileSections = Map<string, Record<string, string>>;

export function defaultConfigFilePath(): string {
  return join(homedir(), ".ncloud", "configure");
}

export function parseConfigFile(text: string): ConfigFileSections {
  const sections: ConfigFileSections = new Map();
  let current = DEFAULT_PROFILE;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const header = /^\[([^\]]*)\]$/.exec(line);
    if (header) {
      current = header[1].trim();
      if (!sections.has(current)) sections.set(current, {});
      continue;
    }
    const eq = line.indexOf("=");
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    const values = sections.get(current) ?? {};
    sections.set(current, values);
    if (!(key in values) && value !== "") values[key] = value;
  }
  return sections;
}

/**
 * The file's sections, or undefined when there is no readable regular file. Warns once per file
 * when users other than its owner may read or change it: it holds a secret key, and the ncloud CLI
 * writes it with the umask's mode (often 0644). Mode and text come from one open file, and a FIFO
 * planted at the path is neither waited on (O_NONBLOCK) nor read.
 */
export function readConfigFile(path: string): ConfigFileSections | undefined {
  let text: string;
  let mode: number;
  try {
    const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    try {
      const stat = fstatSync(fd);
      if (!stat.isFile()) return undefined;
      mode = stat.mode;
      text = readFileSync(fd, "utf8");
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
  warnIfOthersMayRead(path, mode);
  return parseConfigFile(text);
}

/** Mode bits mean nothing on Windows (every file reads as 0666): there the ACL decides. */
function warnIfOthersMayRead(path: string, mode: number): void {
  if (process.platform === "win32" || (mode & 0o077) === 0) return;
  const octal = (mode & 0o777).toString(8).padStart(4, "0");
  warnOnce(
    `credentials file ${path}`,
    `${path} has mode ${octal}: users other than its owner can read or change it, and it holds an NCP secret key. Fix: chmod 600 ${path}`,
  );
}
