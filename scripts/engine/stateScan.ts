/**
 * Proof that a stack's state keeps its secrets: every secret the engine wrote is ciphertext, and no
 * plaintext secret is anywhere under a directory (the backend: state, backups, history).
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** Pulumi's marker of a secret value in a deployment (sdk/go/common/resource/sig). */
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** The forms a secret could be written in by accident. */
export function encodings(secret: string): string[] {
  return [secret, Buffer.from(secret).toString("base64"), encodeURIComponent(secret)];
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

/** Every place a secret appears under `dir`, as `file: secret #i (form)`; empty when there is none. */
export function plaintextUnder(dir: string, secrets: string[]): string[] {
  const findings: string[] = [];
  for (const file of filesUnder(dir)) {
    const text = fs.readFileSync(file, "latin1");
    secrets.forEach((secret, i) => {
      encodings(secret).forEach((form, f) => {
        if (text.includes(form)) findings.push(`${path.relative(dir, file)}: secret #${i} (${["plain", "base64", "url-encoded"][f]})`);
      });
    });
  }
  return findings;
}

/** Counts the secret values in a deployment and lists those not held as ciphertext (their JSON paths). */
export function secretValues(deployment: unknown): { ciphertext: number; notCiphertext: string[] } {
  let ciphertext = 0;
  const notCiphertext: string[] = [];
  const visit = (value: unknown, at: string): void => {
    if (Array.isArray(value)) return value.forEach((item, i) => visit(item, `${at}[${i}]`));
    if (value === null || typeof value !== "object") return;
    const object = value as Record<string, unknown>;
    if (object[SECRET_SIG_KEY] === SECRET_SIG) {
      if (typeof object.ciphertext === "string" && !("plaintext" in object)) ciphertext++;
      else notCiphertext.push(at);
      return;
    }
    for (const [key, child] of Object.entries(object)) visit(child, `${at}.${key}`);
  };
  visit(deployment, "$");
  return { ciphertext, notCiphertext };
}

/**
 * The stack's checkpoint as the file backend wrote it (`.pulumi/stacks/<project>/<stack>.json`).
 * Read from disk, not through `stack.exportStack()`: the Automation API exports with
 * `--show-secrets`, which decrypts every secret.
 */
export function readCheckpoint(backendDir: string, project: string, stack: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(backendDir, ".pulumi", "stacks", project, `${stack}.json`), "utf8"));
}
