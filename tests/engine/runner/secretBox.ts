/**
 * Encrypts the secret values of a runner state file, like Pulumi's passphrase secrets provider:
 * a random 256-bit key kept beside the state file (`<state>.key`, mode 0600) and AES-256-GCM
 * ciphertext in the state. The state file alone therefore holds no plaintext secret, and the next
 * run can still hand the provider the real values (e.g. the keySecret a delete needs), as
 * `pulumi up` does after decrypting its state.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import * as fs from "node:fs";

export interface SecretBox {
  /** Any JSON value → base64 of iv | tag | ciphertext. */
  encrypt(value: unknown): string;
  decrypt(ciphertext: string): unknown;
}

const algorithm = "aes-256-gcm";

/** The key file of a state file. */
export function keyFileOf(stateFile: string): string {
  return `${stateFile}.key`;
}

/** Opens the state file's key, creating it (0600, never overwritten) on first use. */
export function openSecretBox(stateFile: string): SecretBox {
  const key = readOrCreateKey(keyFileOf(stateFile));
  return {
    encrypt(value) {
      const iv = randomBytes(12);
      const cipher = createCipheriv(algorithm, key, iv);
      const body = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
    },
    decrypt(ciphertext) {
      const raw = Buffer.from(ciphertext, "base64");
      const decipher = createDecipheriv(algorithm, key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
      return JSON.parse(text) as unknown;
    },
  };
}

function readOrCreateKey(file: string): Buffer {
  try {
    // "wx": fail if it exists, so a second process never replaces a key the state depends on.
    const fresh = randomBytes(32);
    fs.writeFileSync(file, fresh.toString("base64"), { mode: 0o600, flag: "wx" });
    return fresh;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  const key = Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64");
  if (key.length !== 32) throw new Error(`${file} does not hold a 256-bit base64 key`);
  return key;
}
