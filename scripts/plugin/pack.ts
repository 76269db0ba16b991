/**
 * `npm run plugin:pack`: the provider plugin as a tarball that
 * `pulumi plugin install resource ncloud-keys <version> --file <tarball>` accepts.
 *
 * The tarball holds the launcher `pulumi-resource-ncloud-keys` at its root and a node_modules of
 * its own: this package as `npm pack` makes it, and the @pulumi/pulumi this repository is built and
 * tested with (pinned: the plugin hooks into its provider server, see provider/plugin/configure.ts),
 * installed with `npm install --omit=dev` as a user's project would be. It needs only Node on the
 * machine, no node_modules of anyone's. The files are the same on every platform; the name says the
 * platform it was made on, as `pulumi plugin install` names its downloads.
 *
 * Packing costs an `npm install` (from npm's cache when it can) and ~15 CPU-seconds in all, so the
 * tarball is kept in dist/plugin/ and made again only when what goes in it changes (a hash of
 * dist/provider, dist/sdk, package.json, the launcher and the pinned @pulumi/pulumi version), by
 * one process at a time: a second one asking meanwhile (another jest worker) waits for it.
 */
import { execFileSync } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { withFileLock } from "./fileLock";

const repoRoot = path.resolve(__dirname, "..", "..");
const launcher = path.join(repoRoot, "provider", "plugin", "pulumi-resource-ncloud-keys");
const outDir = path.join(repoRoot, "dist", "plugin");

export const PLUGIN_NAME = "ncloud-keys";

export interface PackedPlugin {
  /** The tarball. */
  tarball: string;
  /** The plugin's version, this package's. */
  version: string;
}

function packageJson(): { version: string } {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string };
}

/** The @pulumi/pulumi version this repository is locked to. */
function pulumiVersion(): string {
  const lock = JSON.parse(fs.readFileSync(path.join(repoRoot, "package-lock.json"), "utf8")) as { packages: Record<string, { version?: string }> };
  const version = lock.packages["node_modules/@pulumi/pulumi"]?.version;
  if (!version) throw new Error("package-lock.json has no node_modules/@pulumi/pulumi: run npm install");
  return version;
}

/** Pulumi's names for this machine's platform, as in its plugin file names. */
function platform(): string {
  const osName = process.platform === "win32" ? "windows" : process.platform;
  const arch = process.arch === "x64" ? "amd64" : process.arch;
  return `${osName}-${arch}`;
}

/** Files under `dir`, sorted, bounded by what a build makes; for the content hash. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) throw new Error(`${path.relative(repoRoot, dir)} is missing: run npm run build`);
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

function contentHash(pinned: string): string {
  const hash = crypto.createHash("sha256").update(pinned);
  const dist = path.join(repoRoot, "dist");
  for (const file of [...filesUnder(path.join(dist, "provider")), ...filesUnder(path.join(dist, "sdk")), path.join(repoRoot, "package.json"), launcher]) {
    hash.update(path.relative(repoRoot, file)).update(fs.readFileSync(file));
  }
  return hash.digest("hex");
}

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** True when `tarball` is there and was made from what has the content hash `hash`. */
function isPacked(tarball: string, stamp: string, hash: string): boolean {
  return fs.existsSync(tarball) && fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === hash;
}

/** Writes `text` to `file` by renaming a whole file into place. */
function writeWhole(file: string, text: string): void {
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, text);
  fs.renameSync(partial, file);
}

export async function packPlugin(): Promise<PackedPlugin> {
  const { version } = packageJson();
  const pinned = pulumiVersion();
  const tarball = path.join(outDir, `pulumi-resource-${PLUGIN_NAME}-v${version}-${platform()}.tar.gz`);
  const stamp = `${tarball}.sha256`;
  const hash = contentHash(pinned);
  if (isPacked(tarball, stamp, hash)) return { tarball, version };
  fs.mkdirSync(outDir, { recursive: true });
  return withFileLock(path.join(outDir, ".pack.lock"), () => {
    // Packed by the process that held the lock before us: nothing left to do.
    if (!isPacked(tarball, stamp, hash)) pack(version, pinned, tarball, stamp, hash);
    return { tarball, version };
  });
}

function pack(version: string, pinned: string, tarball: string, stamp: string, hash: string): void {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "ncloud-keys-plugin-pack-"));
  try {
    // The package exactly as npm publishes it (its `files`), already built: no prepack build again.
    const packed = run("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", work], repoRoot).trim().split("\n").pop()!;
    const staging = path.join(work, "plugin");
    fs.mkdirSync(staging);
    fs.writeFileSync(
      path.join(staging, "package.json"),
      JSON.stringify(
        {
          name: `pulumi-resource-${PLUGIN_NAME}`,
          version,
          private: true,
          description: "The ncloud-keys Pulumi provider plugin: the launcher and what it runs.",
          dependencies: { "pulumi-ncloud-keys": `file:../${packed}`, "@pulumi/pulumi": pinned },
        },
        null,
        2,
      ),
    );
    // No install scripts: nothing the plugin loads needs one (all of it is JavaScript).
    run("npm", ["install", "--omit=dev", "--ignore-scripts", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], staging);
    fs.copyFileSync(launcher, path.join(staging, `pulumi-resource-${PLUGIN_NAME}`));
    fs.chmodSync(path.join(staging, `pulumi-resource-${PLUGIN_NAME}`), 0o755);
    fs.copyFileSync(path.join(repoRoot, "LICENSE"), path.join(staging, "LICENSE"));
    // Written aside and renamed, the stamp last: a reader sees a whole tarball, and a stamp only for it.
    const partial = `${tarball}.${process.pid}.partial`;
    run("tar", ["-czf", partial, "-C", staging, "."], repoRoot);
    fs.renameSync(partial, tarball);
    writeWhole(stamp, hash);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  packPlugin().then(
    ({ tarball, version }) => {
      console.log(tarball);
      console.error(`install it with: pulumi plugin install resource ${PLUGIN_NAME} ${version} --file ${path.relative(process.cwd(), tarball)}`);
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
