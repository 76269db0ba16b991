import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/**
 * The ncloud CLI's credentials file, `~/.ncloud/configure`:
 *   [DEFAULT]
 *   ncloud_access_key_id = ...
 *   ncloud_secret_access_key = ...
 * Section headers are ignored (the CLI writes one profile); the first value of a key wins.
 */
export function defaultConfigFilePath(): string {
  return join(homedir(), ".ncloud", "configure");
}

export function parseConfigFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";") || line.startsWith("[")) continue;
    const eq = line.indexOf("=");
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (!(key in values) && value !== "") values[key] = value;
  }
  return values;
}

/** The file's keys, or an empty record when there is no readable file. */
export function readConfigFile(path: string): Record<string, string> {
  try {
    return parseConfigFile(readFileSync(path, "utf8"));
  } catch {
    return {};
  }
}
