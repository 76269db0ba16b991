/**
 * What `npm pack` (and so `npm publish`) would put in the tarball, listed by npm itself without
 * running scripts: the build every entry point and the bin name, the LICENSE, and the documents
 * the README and the doc comments send a reader to. Needs dist/ (`npm run build`); .ci/user-project
 * installs the real tarball.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const repoRoot = path.resolve(__dirname, "..", "..");

interface PackageJson {
  license: string;
  main: string;
  types: string;
  bin: Record<string, string>;
  scripts: Record<string, string>;
  exports: Record<string, string | { types: string; default: string }>;
  typesVersions: Record<string, Record<string, string[]>>;
  peerDependencies: Record<string, string>;
  dependencies: Record<string, string>;
}

const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as PackageJson;
let packed: Set<string>;
/** The tarball's name, as `npm pack` writes it. */
let tarball: string;

beforeAll(() => {
  if (!fs.existsSync(path.join(repoRoot, "dist", "provider", "index.js"))) throw new Error("dist/ is missing: run `npm run build`");
  const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: repoRoot, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  const [pack] = JSON.parse(out) as Array<{ filename: string; files: Array<{ path: string }> }>;
  packed = new Set(pack.files.map((file) => file.path));
  tarball = pack.filename;
}, 60_000);

const strip = (file: string): string => file.replace(/^\.\//, "");

test("ships every file package.json points to: main, types, exports, typesVersions, bin", () => {
  const targets = [pkg.main, pkg.types, ...Object.values(pkg.bin)];
  for (const entry of Object.values(pkg.exports)) {
    if (typeof entry === "string") targets.push(entry);
    else targets.push(entry.types, entry.default);
  }
  for (const paths of Object.values(pkg.typesVersions["*"])) targets.push(...paths);
  expect(targets.map(strip).filter((file) => !packed.has(file))).toEqual([]);
});

test("ships the Apache-2.0 LICENSE and the documents the README and the types refer to", () => {
  expect(pkg.license).toBe("Apache-2.0");
  expect(fs.readFileSync(path.join(repoRoot, "LICENSE"), "utf8")).toContain("Apache License\n                           Version 2.0, January 2004");
  for (const file of ["LICENSE", "README.md", "sdk/README.md", "docs/ncp-wire.md"]) expect(packed).toContain(file);
});

test("ships no TypeScript sources, and source maps carry their sources instead", () => {
  expect([...packed].filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts"))).toEqual([]);
  const maps = [...packed].filter((file) => file.endsWith(".js.map"));
  expect(maps.length).toBeGreaterThan(0);
  const withoutSources = maps.filter((file) => {
    const map = JSON.parse(fs.readFileSync(path.join(repoRoot, file), "utf8")) as { sources: string[]; sourcesContent?: string[] };
    return map.sourcesContent?.length !== map.sources.length;
  });
  expect(withoutSources).toEqual([]);
});

test("npm pack builds first, and @pulumi/pulumi is the user's (a peer), not a copy of our own", () => {
  expect(pkg.scripts.prepack).toBe("npm run build");
  expect(pkg.peerDependencies["@pulumi/pulumi"]).toBe("^3.216.0");
  expect(pkg.dependencies["@pulumi/pulumi"]).toBeUndefined();
});

test("until the package is published, the README says how to install it from a clone: the tarball npm pack writes, or --install-links", () => {
  const readme = fs.readFileSync(path.join(repoRoot, "README.md"), "utf8");
  const usingItForReal = readme.slice(readme.indexOf("## Using it for real"));
  expect(tarball).toBe(`pulumi-ncloud-keys-${(JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string }).version}.tgz`);
  expect(usingItForReal).toMatch(/npm ci && npm pack/);
  expect(usingItForReal).toContain(`npm install /path/to/clone/${tarball}`);
  expect(usingItForReal).toMatch(/npm install --install-links\s+\/path\/to\/clone/);
});
