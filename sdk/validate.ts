import { invalidInput } from "./errors";

/**
 * Input checks shared by the clients. Each runs before anything is sent and throws an
 * NcloudError (code InvalidInput, status undefined) that names the field and the fix.
 */

/**
 * A bad value as an error message can show it: numbers and strings as written, anything else by
 * its kind only, because String() and JSON.stringify() throw on some values (a null-prototype
 * object, a bigint) and the caller must get the InvalidInput, not a TypeError.
 */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || value === undefined) return String(value);
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a value of type ${typeof value}`;
}

/** RFC 3986 unreserved characters: an id made of these cannot change the path it is put in. */
const PATH_SAFE = /^[A-Za-z0-9._~-]+$/;

export function requirePathSafeId(operation: string, field: string, value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw invalidInput(operation, field, "must be a non-empty string", `pass the ${field} as NCP shows it`);
  }
  if (!PATH_SAFE.test(value) || value === "." || value === "..") {
    throw invalidInput(
      operation,
      field,
      "may contain only letters, digits and . _ ~ -",
      `pass the ${field} exactly as NCP shows it, without spaces or slashes`,
    );
  }
  return value;
}

export function requireNonEmpty(operation: string, field: string, value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw invalidInput(operation, field, "must be a non-empty string", `pass a ${field}`);
  }
  return value;
}

export function requireBoolean(operation: string, field: string, value: unknown): boolean {
  if (typeof value !== "boolean") throw invalidInput(operation, field, "must be true or false", `pass a boolean ${field}`);
  return value;
}

export const DURATION_SEC_MIN = 600;
export const DURATION_SEC_MAX = 43200;

export function requireDurationSec(operation: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < DURATION_SEC_MIN || value > DURATION_SEC_MAX) {
    throw invalidInput(
      operation,
      "durationSec",
      `${describeValue(value)} is not a whole number of seconds from ${DURATION_SEC_MIN} to ${DURATION_SEC_MAX}`,
      `use an integer from ${DURATION_SEC_MIN} (10 minutes) to ${DURATION_SEC_MAX} (12 hours)`,
    );
  }
  return value;
}

export function requireTokenCode(operation: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw invalidInput(operation, "tokenCode", "must be a non-negative integer", "pass the MFA device's current code as a number");
  }
  return value;
}

const NSML_TITLE = /^[A-Za-z0-9_-]{1,64}$/;

export function requireNsmlTitle(operation: string, value: unknown): string {
  if (typeof value !== "string" || !NSML_TITLE.test(value)) {
    throw invalidInput(operation, "title", "must be 1 to 64 letters, digits, _ or -", "choose a title like my-laptop_2024");
  }
  return value;
}

const SSH_KEY_TYPES = new Set([
  "ssh-rsa",
  "ssh-ed25519",
  "ssh-dss",
  "ecdsa-sha2-nistp256",
  "ecdsa-sha2-nistp384",
  "ecdsa-sha2-nistp521",
  "sk-ssh-ed25519@openssh.com",
  "sk-ecdsa-sha2-nistp256@openssh.com",
]);

/**
 * An OpenSSH public key line: `TYPE BASE64 [comment]`, where the base64 blob itself starts with
 * the length-prefixed TYPE (that is how OpenSSH writes it, so a pasted private key, a PEM block
 * or a truncated line fails here, not at NCP).
 */
export function isOpenSshPublicKey(value: string): boolean {
  const parts = value.trim().split(/\s+/);
  if (parts.length < 2 || !SSH_KEY_TYPES.has(parts[0]) || !/^[A-Za-z0-9+/]+={0,2}$/.test(parts[1])) return false;
  const blob = Buffer.from(parts[1], "base64");
  if (blob.length < 4) return false;
  const typeLength = blob.readUInt32BE(0);
  return blob.length >= 4 + typeLength && blob.subarray(4, 4 + typeLength).toString("latin1") === parts[0];
}

export function requireOpenSshPublicKey(operation: string, value: unknown): string {
  if (typeof value !== "string" || !isOpenSshPublicKey(value)) {
    throw invalidInput(
      operation,
      "key",
      "is not an OpenSSH public key",
      "pass the contents of a .pub file, e.g. `ssh-ed25519 AAAA... user@host` (never the private key)",
    );
  }
  return value.trim();
}

export function requireServiceGroupInstanceNo(operation: string, value: unknown): string {
  const text = typeof value === "number" ? String(value) : value;
  if (typeof text !== "string" || !/^\d+$/.test(text)) {
    throw invalidInput(
      operation,
      "serviceGroupInstanceNo",
      `${describeValue(value)} is not a number`,
      "pass the service group's instance number, digits only (e.g. 1531843)",
    );
  }
  return text;
}
