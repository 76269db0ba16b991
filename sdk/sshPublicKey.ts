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
 * The fields of an SSH wire-format blob, each a uint32 length and that many bytes (RFC 4251
 * section 5), or undefined unless the lengths add up to the blob exactly: a cut-off or padded key
 * fails here. Bounded: every field consumes at least its 4-byte length.
 */
function wireFields(blob: Buffer): Buffer[] | undefined {
  const fields: Buffer[] = [];
  let at = 0;
  while (at < blob.length) {
    if (blob.length - at < 4) return undefined;
    const length = blob.readUInt32BE(at);
    at += 4;
    if (length > blob.length - at) return undefined;
    fields.push(blob.subarray(at, at + length));
    at += length;
  }
  return fields;
}

/** An mpint (RFC 4251 section 5) that is positive and minimally written. */
function isPositiveMpint(value: Buffer): boolean {
  if (value.length === 0 || value[0] & 0x80) return false;
  return value[0] !== 0 || (value.length > 1 && (value[1] & 0x80) !== 0);
}

/** ECDSA curves by key type: the curve name inside the blob and the uncompressed point's size (RFC 5656 section 3.1). */
const ECDSA: Readonly<Record<string, { curve: string; pointBytes: number }>> = {
  "ecdsa-sha2-nistp256": { curve: "nistp256", pointBytes: 65 },
  "ecdsa-sha2-nistp384": { curve: "nistp384", pointBytes: 97 },
  "ecdsa-sha2-nistp521": { curve: "nistp521", pointBytes: 133 },
};

/** Whether the fields after the type name are what a key of `type` holds, no more, no fewer. */
function hasKeyFields(type: string, fields: Buffer[]): boolean {
  // ssh-rsa: e, n (RFC 4253 section 6.6).
  if (type === "ssh-rsa") return fields.length === 2 && isPositiveMpint(fields[0]) && isPositiveMpint(fields[1]);
  // ssh-ed25519: the 32-byte public key (RFC 8709 section 4).
  if (type === "ssh-ed25519") return fields.length === 1 && fields[0].length === 32;
  const ecdsa = ECDSA[type];
  return (
    ecdsa !== undefined &&
    fields.length === 2 &&
    fields[0].toString("latin1") === ecdsa.curve &&
    fields[1].length === ecdsa.pointBytes &&
    fields[1][0] === 0x04
  );
}

/**
 * The decoded key blob of `TYPE BASE64 [comment]`, or undefined when the line is not a whole key
 * of an allowed type. The blob is read whole: it must be canonical base64, start with the
 * length-prefixed TYPE (how OpenSSH writes it), and hold exactly that type's fields, so a pasted
 * private key, a PEM block, a key of another type under this prefix, or a line cut short (say to
 * the first 120 characters a terminal showed) fails here, not at NCP.
 */
export function publicKeyBlob(line: string): Buffer | undefined {
  const parts = line.trim().split(/\s+/);
  const [type, base64] = parts;
  if (parts.length < 2 || !NSML_KEY_TYPES.includes(type) || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64) || base64.length % 4 !== 0) return undefined;
  const blob = Buffer.from(base64, "base64");
  // Canonical: decoding and encoding again gives the same text (no stray bits in the padding).
  if (blob.toString("base64") !== base64) return undefined;
  const fields = wireFields(blob);
  if (fields === undefined || fields.length === 0 || fields[0].toString("latin1") !== type) return undefined;
  return hasKeyFields(type, fields.slice(1)) ? blob : undefined;
}

/**
 * `ssh-keygen -l -E md5` without the `MD5:` tag: MD5 of the key blob as colon-separated hex, the
 * form NCP's list shows (`ee:a6:e1:…`, 16 bytes, in the list page's example:
 * https://api.ncloud-docs.com/docs/en/ai-application-service-clovansml-authkey-list).
 */
export function md5Fingerprint(blob: Buffer): string {
  return createHash("md5").update(blob).digest("hex").match(/../g)!.join(":");
}
