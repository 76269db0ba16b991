/**
 * The serialized provider `require`s the handlers in the `configure` the host calls on the first
 * `check` of each resource kind; what they load then is on that check's path. These run the built handlers (what the host loads) in a fresh `node`,
 * and look at which modules are in `require.cache`: deterministic, unlike a timing.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";

const handlersJs = path.resolve(__dirname, "..", "..", "dist", "provider", "handlers", "index.js");

/** Runs `body` after `const h = require(<dist handlers>)` and returns what it printed as JSON. */
async function inFreshNode(body: string): Promise<Record<string, unknown>> {
  const script = `
    const loaded = () => {
      const files = Object.keys(require.cache);
      return {
        undici: files.some((f) => f.includes("/node_modules/undici/")),
        zod: files.some((f) => f.includes("/node_modules/zod/")),
        kinds: files.filter((f) => f.includes("/dist/provider/handlers/")).map((f) => f.split("/").pop()).sort(),
      };
    };
    const h = require(${JSON.stringify(handlersJs)});
    (async () => { ${body} })().then((r) => process.stdout.write(JSON.stringify(r)), (e) => { process.stderr.write(String(e)); process.exit(1); });
  `;
  const { stdout } = await promisify(execFile)(process.execPath, ["-e", script], { timeout: 20000 });
  return JSON.parse(stdout) as Record<string, unknown>;
}

beforeAll(() => {
  if (!fs.existsSync(handlersJs)) throw new Error(`${handlersJs} is missing: run \`npm run build\` first`);
});

test("requiring the handlers and configuring loads neither the SDK's undici nor zod, nor any resource kind", async () => {
  const result = await inFreshNode(`
    await h.configure({ config: { get: (k) => ({ "ncloud:accessKey": "AK", "ncloud:secretKey": "SK" })[k] } });
    return loaded();
  `);
  expect(result).toEqual({ undici: false, zod: false, kinds: ["index.js", "settings.js"] });
});

test("a bad stack config value still fails at configure, naming the key, before anything heavy loads", async () => {
  const result = await inFreshNode(`
    const error = await h.configure({ config: { get: (k) => ({ "ncloud:timeoutMs": "30s" })[k] } }).then(() => "none", (e) => e.message);
    return { error, ...loaded() };
  `);
  expect(result.error).toMatch(/ncloud:timeoutMs must be a whole number/);
  expect(result.undici).toBe(false);
});

test("the first call of a kind loads that kind's module (and the SDK), not the other kinds", async () => {
  const result = await inFreshNode(`
    const checked = await h.handlers.stsCredentials.check({}, { durationSec: 5 });
    return { failures: checked.failures, ...loaded() };
  `);
  expect(result.failures).toEqual([{ property: "durationSec", reason: "durationSec must be at least 600 (10 minutes)" }]);
  expect(result.zod).toBe(true);
  expect(result.kinds).toContain("stsCredentials.js");
  expect(result.kinds).not.toContain("subAccountAccessKey.js");
  expect(result.kinds).not.toContain("nsmlAuthKeys.js");
  expect(result.kinds).not.toContain("searchSnapshotAuthKey.js");
});
