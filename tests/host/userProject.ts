/**
 * A directory that looks like a user's Pulumi project which installed this package: the working
 * directory `pulumi up` gives the dynamic-provider host, from which `require()` calls inside
 * serialized providers resolve.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const repoRoot = path.resolve(__dirname, "..", "..");

/**
 * Ensures the project and returns its path. It lives under the OS temp directory, outside the
 * repo, so nothing resolves through the repo's own node_modules by accident:
 *
 *   package.json, Pulumi.yaml
 *   node_modules/pulumi-ncloud-keys -> <repo>           (so "pulumi-ncloud-keys/sdk" → <repo>/dist/sdk)
 *   node_modules/@pulumi/pulumi     -> <repo>/node_modules/@pulumi/pulumi   (a user program's own dependency)
 *
 * The package's dependencies resolve from the symlink's real path, i.e. the repo's node_modules.
 * Idempotent, and safe when several jest workers call it at once (every write is a rename).
 */
export function userProjectDir(): string {
  const tag = createHash("sha256").update(repoRoot).digest("hex").slice(0, 12);
  const dir = path.join(os.tmpdir(), `pulumi-ncloud-keys-user-project-${tag}`);
  fs.mkdirSync(path.join(dir, "node_modules", "@pulumi"), { recursive: true });

  writeFileAtomic(
    path.join(dir, "package.json"),
    JSON.stringify({ name: "ncloud-keys-user-project", private: true, dependencies: { "pulumi-ncloud-keys": "*" } }, null, 2),
  );
  writeFileAtomic(path.join(dir, "Pulumi.yaml"), "name: user-project\nruntime: nodejs\n");
  symlinkAtomic(repoRoot, path.join(dir, "node_modules", "pulumi-ncloud-keys"));
  symlinkAtomic(path.join(repoRoot, "node_modules", "@pulumi", "pulumi"), path.join(dir, "node_modules", "@pulumi", "pulumi"));
  return dir;
}

function writeFileAtomic(file: string, text: string): void {
  if (fs.existsSync(file) && fs.readFileSync(file, "utf8") === text) {
    return;
  }
  const temp = `${file}.${process.pid}.${Math.random().toString(16).slice(2)}`;
  fs.writeFileSync(temp, text);
  fs.renameSync(temp, file);
}

function symlinkAtomic(target: string, link: string): void {
  if (readLink(link) === target) {
    return;
  }
  // rename() replaces an existing link in one step, so a concurrent reader never sees none.
  const temp = `${link}.${process.pid}.${Math.random().toString(16).slice(2)}`;
  fs.symlinkSync(target, temp, "dir");
  fs.renameSync(temp, link);
}

function readLink(link: string): string | undefined {
  try {
    return fs.readlinkSync(link);
  } catch {
    return undefined;
  }
}
