import { randomBytes, randomInt, randomUUID } from "node:crypto";

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** `length` characters from [A-Za-z0-9], uniformly (randomInt avoids modulo bias). */
export function alphanumeric(length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return out;
}

/** An access key shaped like the ones NCP IAM issues: `ncp_iam_` + 20 alphanumerics. */
export function newAccessKey(): string {
  return `ncp_iam_${alphanumeric(20)}`;
}

/** A key secret shaped like NCP's: `ncp_iam_` + 32 alphanumerics. */
export function newKeySecret(): string {
  return `ncp_iam_${alphanumeric(32)}`;
}

/** `bytes` random bytes as lowercase hex (NSML auth key names are 32 hex characters). */
export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString("hex");
}

/** A request id as Search Engine answers it. */
export function requestId(): string {
  return randomUUID();
}
