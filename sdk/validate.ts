import { invalidInput } from "./errors/errors";
import { NSML_KEY_TYPES, publicKeyBlob } from "./sshPublicKey";

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

/** STS durationSec: 600..43200, default 3600 (https://api.ncloud-docs.com/docs/en/management-sts-creatests). */
export const DURATION_SEC_MIN = 600;
export const DURATION_SEC_MAX = 43200;
/** An OTP code has six digits. */
export const TOKEN_CODE_MAX = 999_999;

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
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > TOKEN_CODE_MAX) {
    throw invalidInput(operation, "tokenCode", `must be a whole number from 0 to ${TOKEN_CODE_MAX}`, "pass the MFA device's current six-digit code as a number");
  }
  return value;
}

/**
 * NSML titles: letters, digits and `-`, starting with a letter, no `--`. The page gives no maximum
 * length, so none is imposed here.
 * https://api.ncloud-docs.com/docs/en/ai-application-service-clovansml-authkey-create
 */
const NSML_TITLE = /^[A-Za-z][A-Za-z0-9-]*$/;

export function isNsmlTitle(value: unknown): value is string {
  return typeof value === "string" && NSML_TITLE.test(value) && !value.includes("--");
}

export function requireNsmlTitle(operation: string, value: unknown): string {
  if (!isNsmlTitle(value)) {
    throw invalidInput(
      operation,
      "title",
      "must be letters, digits and -, start with a letter and have no --",
      "choose a title like my-laptop-2024",
    );
  }
  return value;
}

export function isOpenSshPublicKey(value: string): boolean {
  return publicKeyBlob(value) !== undefined;
}

export function requireOpenSshPublicKey(operation: string, value: unknown): string {
  if (typeof value !== "string" || !isOpenSshPublicKey(value)) {
    throw invalidInput(
      operation,
      "key",
      `is not an OpenSSH public key of a type NSML takes (${NSML_KEY_TYPES.join(", ")})`,
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
