/**
 * "Using it for real" is where a user looks up a setting: every stack config key the provider
 * reads and every environment variable the SDK reads must be in its settings table, with a default.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { RENEW_BEFORE, ROTATION_DAYS } from "../../provider/handlers/schemas";
import { CONFIG_KEYS } from "../../provider/handlers/settings";
import { DURATION_SEC_MAX, DURATION_SEC_MIN } from "../../sdk/validate";
import { BOOLEAN_WORDS, CLIENT_NUMBERS } from "../../sdk/settings/settings";

const repoRoot = path.resolve(__dirname, "..", "..");
const readme = fs.readFileSync(path.join(repoRoot, "README.md"), "utf8");
const usingItForReal = readme.slice(readme.indexOf("## Using it for real"), readme.indexOf("\n## ", readme.indexOf("## Using it for real") + 1));
/** The settings table's rows, as cells: stack config, environment, default, what. */
const settingsRows = usingItForReal
  .split("\n")
  .filter((line) => line.startsWith("|") && (line.includes("`ncloud:") || line.includes("_PROXY") || line.includes("NCLOUD_DEBUG")))
  .map((line) => line.split("|").slice(1, -1).map((cell) => cell.trim()))
  .filter((cells) => cells.length === 4);

/** Upper-case `env.NAME` reads in the SDK's and the handlers' own modules (the emulator is not the product's client). */
function environmentVariablesRead(): string[] {
  const dirs = ["sdk", "sdk/call", "sdk/settings", "sdk/errors", "sdk/clients", "provider", "provider/handlers"];
  const names = new Set<string>();
  for (const dir of dirs) {
    for (const file of fs.readdirSync(path.join(repoRoot, dir)).filter((f) => f.endsWith(".ts"))) {
      const text = fs.readFileSync(path.join(repoRoot, dir, file), "utf8");
      for (const [, name] of text.matchAll(/\benv\.([A-Z][A-Z0-9_]+)\b/g)) names.add(name);
    }
  }
  return [...names].sort();
}

test("the README's settings table has a row with a default for every ncloud:* stack config key", () => {
  for (const key of Object.values(CONFIG_KEYS)) {
    const row = settingsRows.find((cells) => cells[0].includes(`\`${key}\``));
    expect({ key, default: row?.[2] }).toEqual({ key, default: expect.stringMatching(/\S/) });
  }
});

test("the README's settings table names every environment variable the SDK and the provider read, with a default", () => {
  const read = environmentVariablesRead();
  expect(read).toEqual(expect.arrayContaining(["NCLOUD_ACCESS_KEY", "NCLOUD_DEBUG", "HTTPS_PROXY", "NO_PROXY"]));
  for (const name of read) {
    const row = settingsRows.find((cells) => cells[1].includes(`\`${name}\``));
    expect({ name, default: row?.[2] }).toEqual({ name, default: expect.stringMatching(/\S/) });
  }
});

test("every number the stack config takes shows its range in the settings table, and every boolean its words", () => {
  const rowOf = (key: string) => settingsRows.find((cells) => cells[0].includes(`\`${key}\``))?.join(" | ");
  for (const [option, range] of Object.entries(CLIENT_NUMBERS)) {
    const key = `ncloud:${option}`;
    if (!(Object.values(CONFIG_KEYS) as string[]).includes(key)) continue;
    expect({ key, row: rowOf(key) }).toEqual({ key, row: expect.stringContaining(`${range.min}..${range.max}`) });
  }
  expect(BOOLEAN_WORDS).toMatch(/^true, false, 1 or 0/);
  const booleans = [rowOf("ncloud:allowInsecureHttp"), settingsRows.find((cells) => cells[1].includes("`NCLOUD_DEBUG`"))?.join(" | ")];
  for (const row of booleans) expect(row).toContain("`true`, `false`, `1` or `0` (any case)");
});

test("the resources table shows the range of every number a resource takes", () => {
  expect(readme).toContain(`\`rotationDays?\` (whole days, ${ROTATION_DAYS.min}..${ROTATION_DAYS.max})`);
  expect(readme).toContain(`\`durationSec?\` (s, ${DURATION_SEC_MIN}..${DURATION_SEC_MAX}`);
  expect(readme).toContain(`\`renewBefore?\` (s, ${RENEW_BEFORE.min}..${RENEW_BEFORE.max}`);
});
