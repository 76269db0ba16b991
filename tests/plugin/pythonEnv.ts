/**
 * A fresh virtualenv for a generated Python package, cheap enough to make on every run.
 *
 * Installing the package's dependencies (pulumi and what it needs: grpcio, protobuf, debugpy,
 * opentelemetry…, about 45 MB) costs ~9 CPU-seconds per install, and `python -m venv` another ~3
 * for the pip it bootstraps. What the suite checks is the package pip builds from our generated
 * sources, not those third-party wheels, so the dependencies are installed once per pyproject.toml
 * (and Python) into an environment kept for the next run (./cachedDir), and each run makes
 * a new venv without pip that sees that environment through a .pth file. pip, run in the new venv,
 * finds each requirement the pyproject declares already satisfied (it checks every one: a new or
 * unmet one is fetched) and installs the package itself into the new venv, built from source as a
 * user's `pip install` builds it (build isolation, the pyproject's build-system).
 */
import { execFileSync } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { cachedDir } from "./cachedDir";

const pip = ["-m", "pip", "--disable-pip-version-check", "--no-input"];
const quiet = { stdio: ["ignore", "ignore", "pipe"] as ("ignore" | "pipe")[] };

/** The directory pip installs pure-Python packages into for `python`. */
export function sitePackagesOf(python: string): string {
  return execFileSync(python, ["-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], { encoding: "utf8" }).trim();
}

/** `pip install <packageDir>` with the venv of `python`. */
export function pipInstall(python: string, packageDir: string): void {
  // With .pyc files, as pip makes them by default: an import then reads them (PYTHONDONTWRITEBYTECODE
  // is often set, so without them every python process of every run would compile pulumi again).
  execFileSync(python, [...pip, "install", "--quiet", packageDir], quiet);
}

/**
 * The site-packages of an environment holding pip and everything `pip install <packageDir>`
 * installs but the package itself; made on first use for this pyproject.toml and this python3.
 */
export function dependenciesEnv(packageDir: string): string {
  const pyproject = fs.readFileSync(path.join(packageDir, "pyproject.toml"), "utf8");
  const name = /^\s*name\s*=\s*"([^"]+)"/m.exec(pyproject)?.[1];
  if (!name) throw new Error(`${packageDir}/pyproject.toml has no project name`);
  const interpreter = execFileSync("python3", ["-c", "import sys; print(sys.executable, sys.version)"], { encoding: "utf8" });
  const key = crypto.createHash("sha256").update(interpreter).update(pyproject).digest("hex").slice(0, 16);
  const env = cachedDir("ncloud-keys-python-deps-", key, (dir) => {
    execFileSync("python3", ["-m", "venv", dir]);
    const python = path.join(dir, "bin", "python");
    pipInstall(python, packageDir);
    execFileSync(python, [...pip, "uninstall", "--quiet", "--yes", name], quiet);
  });
  // The venv's python finds its prefix from where it is run, so the renamed venv answers for itself.
  return sitePackagesOf(path.join(env, "bin", "python"));
}

/** Makes a new venv at `dir` with no packages of its own that sees `dependencies` (a site-packages with pip); returns its python. */
export function freshVenv(dir: string, dependencies: string): string {
  execFileSync("python3", ["-m", "venv", "--without-pip", dir]);
  const python = path.join(dir, "bin", "python");
  fs.writeFileSync(path.join(sitePackagesOf(python), "dependencies.pth"), `${dependencies}\n`);
  return python;
}
