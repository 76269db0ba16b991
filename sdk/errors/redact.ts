/**
 * Scrubbing secrets out of text that leaves the SDK (error messages, log lines).
 * Two nets: every secret value the SDK knows is replaced wherever it appears, and any JSON field
 * named like a secret is blanked even when its value is unknown to us (a server echoing a request
 * body, e.g. the Search Engine body that carries a secretKey).
 */
import { safeServerText } from "./serverText";

export const REDACTED = "[REDACTED]";

/**
 * Field names whose values are secrets, in a body we send, one NCP answers, or one it echoes.
 * `tokenCode` is an MFA one-time code: within its window it is the second factor.
 */
const SECRET_FIELD_NAMES = [
  "secretKey",
  "keySecret",
  "secret_key",
  "secretAccessKey",
  "apiKey",
  "api_key",
  "password",
  "token",
  "tokenCode",
  "x-ncp-apigw-api-key",
  "x-ncp-apigw-signature-v2",
];
const SECRET_FIELD_SET = new Set(SECRET_FIELD_NAMES.map((name) => name.toLowerCase()));

/** Whether a JSON field of this name holds a secret (case-insensitive). */
export function isSecretFieldName(name: string): boolean {
  return SECRET_FIELD_SET.has(name.toLowerCase());
}

// A string value, or a number (an MFA code sent as an integer).
const SECRET_FIELDS = new RegExp(`("(?:${SECRET_FIELD_NAMES.join("|")})"\\s*:\\s*)(?:"(?:[^"\\\\]|\\\\.)*"|-?\\d+)`, "gi");
const SECRET_HEADERS = /(x-ncp-apigw-api-key|x-ncp-apigw-signature-v2)(\s*[:=]\s*)\S+/gi;

/** Shorter values would blank ordinary words; real NCP secrets are 20+ characters, an MFA code 6 digits. */
export const MIN_SECRET_LENGTH = 6;

/**
 * A secret as a server may echo it: as is, URL-encoded (a query or form), base64 or base64url
 * (a header or a token). Longest first, so a longer form is not left half-replaced by a shorter one.
 */
export function secretForms(secret: string): string[] {
  const bytes = Buffer.from(secret, "utf8");
  const forms = new Set([
    secret,
    encodeURIComponent(secret),
    encodeURIComponent(secret).replace(/%20/g, "+"),
    bytes.toString("base64"),
    bytes.toString("base64").replace(/=+$/, ""),
    bytes.toString("base64url"),
  ]);
  return [...forms].sort((a, b) => b.length - a.length);
}

export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text.replace(SECRET_FIELDS, `$1"${REDACTED}"`).replace(SECRET_HEADERS, `$1$2${REDACTED}`);
  for (const secret of secrets) {
    if (!secret || secret.length < MIN_SECRET_LENGTH) continue;
    for (const form of secretForms(secret)) out = out.split(form).join(REDACTED);
  }
  return out;
}

/**
 * Server text as a message may quote it: at most `max` characters, every secret redacted first
 * (redacting after the cut would leave the start of a secret that straddles it), and every control
 * character escaped (./serverText) before the cut, so the cut counts what is shown.
 */
export function redactAndShorten(text: string, secrets: readonly (string | undefined)[], max: number): string {
  const clean = safeServerText(redact(text, secrets));
  return clean.length <= max ? clean : `${clean.slice(0, max)}…`;
}

/**
 * An id copied from a response (NCP code, request id) into an NcloudError field: it is printed by
 * JSON.stringify(error) and inspect(error) like the message, so a gateway echoing a key into it
 * must not make us print the key, nor a control character.
 */
export function redactField(value: string | undefined, secrets: readonly (string | undefined)[] = []): string | undefined {
  return value === undefined ? undefined : safeServerText(redact(value, secrets));
}

/** `abcd…` style hint for a key id in logs and inspect output: enough to tell keys apart. */
export function maskKeyId(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return value.length <= 4 ? "****" : `${value.slice(0, 4)}****`;
}
