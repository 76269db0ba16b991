import { createHash } from "node:crypto";

/**
 * OpenSSH public key lines as CLOVA NSML takes them. The create page allows keys starting with
 * ssh-rsa, ssh-ed25519, ecdsa-sha2-nistp256/384/521, nothing else
 * (https://api.ncloud-docs.com/docs/en/ai-application-service-clovansml-authkey-create).
 */
export const NSML_KEY_TYPES: readonly string[] = [
  "ssh-rsa",
  "ssh-ed25519",
  "ecdsa-sha2-nistp256",
  "ecdsa-sha2-nistp384",
  "ecdsa-sha2-nistp521",
];

/**
 * The decoded key blob of `TYPE BASE64 [comment]`, or undefined when the line is not a key of an
 * allowed type. The blob must start with the length-prefixed TYPE (that is how OpenSSH writes it),
 * so a pasted private key, a PEM block or a truncated line fails here, not at NCP.
 */
export function publicKeyBlob(line: string): Buffer | undefined {
  const parts = line.trim().split(/\s+/);
  if (parts.length < 2 || !NSML_KEY_TYPES.includes(parts[0]) || !/^[A-Za-z0-9+/]+={0,2}$/.test(parts[1])) return undefined;
  const blob = Buffer.from(parts[1], "base64");
  if (blob.length < 4) return undefined;
  const typeLength = blob.readUInt32BE(0);
  if (blob.length < 4 + typeLength || blob.subarray(4, 4 + typeLength).toString("latin1") !== parts[0]) return undefined;
  return blob;
}

/**
 * `ssh-keygen -l -E md5` without the `MD5:` tag: MD5 of the key blob as colon-separated hex, the
 * form NCP's list shows (`ee:a6:e1:…`, 16 bytes, in the list page's example:
 * https://api.ncloud-docs.com/docs/en/ai-application-service-clovansml-authkey-list).
 */
export function md5Fingerprint(blob: Buffer): string {
  return createHash("md5").update(blob).digest("hex").match(/../g)!.join(":");
}
