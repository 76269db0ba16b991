/**
 * The generated Go SDK as a module that builds, with the README's Go program in it as cmd/readme.
 *
 * The module requires what the CLI's module requires (scripts/pulumi-cli/go.mod), so the versions
 * are the ones the CLI was built with. It lives at a path named by its content (./cachedDir): Go's
 * build cache keys a package's compilation by its directory, so a fresh temp directory per run
 * compiled the SDK again every time, while the same path with the same files is a cache hit, and a
 * changed file makes a new path that compiles afresh.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { cachedDir } from "./cachedDir";

const repoRoot = path.resolve(__dirname, "..", "..");
const cliModule = path.join(repoRoot, "scripts", "pulumi-cli");
export const GO_SDK_MODULE = "github.com/pulumi-ncloud-keys/pulumi-ncloud-keys/sdk/go";

/** Every file under `dir`, by its path relative to `dir`, sorted. */
function filesUnder(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** The module's directory: the SDK tree `sdkDir`, go.mod and go.sum, and `readmeProgram` as cmd/readme/main.go. */
export function goSdkModule(sdkDir: string, readmeProgram: string): string {
  const files = new Map<string, Buffer>(filesUnder(sdkDir).map((file) => [file, fs.readFileSync(path.join(sdkDir, file))]));
  files.set("go.mod", Buffer.from(fs.readFileSync(path.join(cliModule, "go.mod"), "utf8").replace(/^module .*$/m, `module ${GO_SDK_MODULE}`)));
  files.set("go.sum", fs.readFileSync(path.join(cliModule, "go.sum")));
  files.set(path.join("cmd", "readme", "main.go"), Buffer.from(readmeProgram));
  const hash = crypto.createHash("sha256");
  for (const [file, content] of [...files].sort(([a], [b]) => a.localeCompare(b))) hash.update(`${file}\0${content.length}\0`).update(content);
  return cachedDir("ncloud-keys-go-sdk-", hash.digest("hex").slice(0, 16), (dir) => {
    for (const [file, content] of files) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), content);
    }
  });
}
