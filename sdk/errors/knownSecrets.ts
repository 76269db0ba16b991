import { MIN_SECRET_LENGTH, isSecretFieldName } from "./redact";

/**
 * Every secret one client has handled, so that any text it makes later (an error, a request id)
 * is scrubbed of all of them, not only of the secrets of the call that failed.
 *
 * Why the whole client and not the call: NCP knows more secrets than a call carries. It made every
 * key's secret and holds every key set on a service group, so an answer to a list, a deactivation
 * or a bucket listing can quote a secret that call never sent. Scrubbing per call left those on
 * the paths that did not carry them (issue 15: a SearchSnapshotAuthKey refresh showed the
 * resource's own secretKey). Three sources feed it:
 * - what the client sends: its secret key and API key, and any body field named like a secret
 *   (a service group's `secretKey`, an MFA `tokenCode`);
 * - what NCP answers: any field named like a secret (a new key's `keySecret`, STS credentials);
 * - what its caller holds and declares (`NcloudClient.rememberSecrets`): a resource's secrets
 *   from Pulumi state before refreshing, updating or deleting it.
 *
 * It only grows, by one entry per secret: a `pulumi up` handles a few per resource.
 */
export class KnownSecrets {
  readonly #values = new Set<string>();

  /** Strings and numbers (an MFA code); anything shorter than a secret can be is ignored (redact.ts says why). */
  add(...values: unknown[]): void {
    for (const value of values) {
      const text = typeof value === "number" && Number.isInteger(value) ? String(value) : value;
      if (typeof text === "string" && text.length >= MIN_SECRET_LENGTH) this.#values.add(text);
    }
  }

  /** The values of every field named like a secret in a JSON body, at any depth up to `MAX_DEPTH`. */
  addFieldsOf(body: unknown, depth = 0): void {
    if (body === null || typeof body !== "object" || depth > MAX_DEPTH) return;
    for (const [key, value] of Object.entries(body)) {
      if (isSecretFieldName(key)) this.add(value);
      else this.addFieldsOf(value, depth + 1);
    }
  }

  values(): string[] {
    return [...this.#values];
  }
}

/** NCP's bodies nest two or three levels; a deeper secret field is not one of theirs. */
const MAX_DEPTH = 8;
