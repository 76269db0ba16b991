import * as fs from "node:fs";
import * as path from "node:path";

/**
 * This package's version, which is the plugin's and the schema's: read from its package.json,
 * found by walking up from this file, because the file sits at different depths in the source
 * (provider/plugin/) and the build (dist/provider/plugin/). A few levels bound the walk.
 */
export function packageVersion(from: string = __dirname): string {
  let dir = from;
  for (let level = 0; level < 6; level++) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "pulumi-ncloud-keys" && pkg.version) return pkg.version;
    }
    dir = path.dirname(dir);
  }
  throw new Error(`pulumi-ncloud-keys: no package.json of this package above ${from}; reinstall the plugin`);
}
