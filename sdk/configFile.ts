import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

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

/** The file's sections, or undefined when there is no readable file. */
export function readConfigFile(path: string): ConfigFileSections | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
  return parseConfigFile(text);
}
