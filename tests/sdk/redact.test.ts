import fc from "fast-check";
import { REDACTED, redact, redactAndShorten, secretForms } from "../../sdk/errors/redact";

describe("redaction happens before truncation", () => {
  const secret = "straddling-secret-value-0123456789";
  test.each([150, 190, 199, 200, 201])("a secret starting at %d, across the cut, leaves no part of itself", (at) => {
    const text = `${"a".repeat(at)}${secret}${"b".repeat(300)}`;
    const shown = redactAndShorten(text, [secret], 200);
    expect(shown.length).toBeLessThanOrEqual(201);
    for (let n = 6; n <= secret.length; n++) expect(shown).not.toContain(secret.slice(0, n));
  });

});

describe("encoded forms of a known secret", () => {
  const secret = "k3y/with+odd=chars&more";
  test.each(secretForms(secret))("%s is redacted", (form) => {
    expect(redact(`before ${form} after`, [secret])).toBe(`before ${REDACTED} after`);
  });
  test("the forms are the value, URL-encoded, base64 (padded or not) and base64url", () => {
    expect(secretForms(secret)).toEqual(
      expect.arrayContaining([
        secret,
        encodeURIComponent(secret),
        Buffer.from(secret).toString("base64"),
        Buffer.from(secret).toString("base64url"),
      ]),
    );
  });
});

describe("redaction before truncation, for any text around any secret in any form", () => {
  test("no 6-character prefix of the secret's form survives the cut", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 20, maxLength: 40, unit: fc.constantFrom(..."abcXYZ019+/=&% ") }),
        fc.nat({ max: 260 }),
        fc.nat({ max: 5 }),
        (secret, at, formIndex) => {
          const forms = secretForms(secret);
          const form = forms[formIndex % forms.length];
          const text = `${"-".repeat(at)}${form}${"-".repeat(50)}`;
          const shown = redactAndShorten(text, [secret], 200);
          for (let n = 6; n <= form.length; n++) {
            if (shown.includes(form.slice(0, n))) return false;
          }
          return true;
        },
      ),
      { numRuns: 300 },
    );
  });
});
