import { createHash } from "node:crypto";

/**
 * HMAC-SHA256 written out from RFC 2104 over a bare SHA-256, so the signer (which uses
 * `createHmac`) is checked against code that shares nothing with it but the hash:
 *   H((K' ⊕ opad) ‖ H((K' ⊕ ipad) ‖ message)), K' = the key (hashed if longer than a block), zero-padded.
 * https://www.rfc-editor.org/rfc/rfc2104#section-2
 */
const BLOCK_BYTES = 64;

function sha256(...parts: Buffer[]): Buffer {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part);
  return hash.digest();
}

export function referenceHmacSha256(key: string | Buffer, message: string | Buffer): Buffer {
  let k = typeof key === "string" ? Buffer.from(key, "utf8") : key;
  if (k.length > BLOCK_BYTES) k = sha256(k);
  const padded = Buffer.alloc(BLOCK_BYTES);
  k.copy(padded);
  const inner = Buffer.alloc(BLOCK_BYTES);
  const outer = Buffer.alloc(BLOCK_BYTES);
  for (let i = 0; i < BLOCK_BYTES; i++) {
    inner[i] = padded[i] ^ 0x36;
    outer[i] = padded[i] ^ 0x5c;
  }
  const msg = typeof message === "string" ? Buffer.from(message, "utf8") : message;
  return sha256(outer, sha256(inner, msg));
}

/** The NCP signature v2 as the docs describe it, built without the signer's stringToSign. */
export function referenceSignature(method: string, pathAndQuery: string, timestamp: string, accessKey: string, secretKey: string): string {
  const message = [`${method.toUpperCase()} ${pathAndQuery}`, timestamp, accessKey].join("\n");
  return referenceHmacSha256(secretKey, message).toString("base64");
}
