import fc from "fast-check";

/**
 * Shared generators for the property tests: values a JavaScript caller or a Pulumi program could
 * hand us, including the awkward ones (NaN, -0, huge numbers, lone surrogates, null-prototype
 * objects, arrays where strings belong).
 */

/** Any JSON-ish or JS value, as a program's inputs can carry after a bad `apply`. */
export const anyValue: fc.Arbitrary<unknown> = fc.anything({
  maxDepth: 2,
  maxKeys: 4,
  withBoxedValues: false,
  withMap: false,
  withSet: false,
  withObjectString: true,
  withNullPrototype: true,
  withDate: true,
  withTypedArray: false,
  withSparseArray: true,
  withUnicodeString: true,
});

/** Strings of every kind: empty, whitespace, path characters, non-ASCII. */
export const anyString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.constantFrom("", " ", ".", "..", "a/b", "../x", "a?b=1", "a#b", "%2F", "a b", "\n", "ab\u0000", "키"),
);

export const anyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(0, -0, 1.5, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER + 2, 1e21),
);

/** Anything at all: the generator the "never crash" properties use for each argument. */
export const anyInput: fc.Arbitrary<unknown> = fc.oneof(
  anyString,
  anyNumber,
  anyValue,
  fc.bigInt(),
  fc.constantFrom(undefined, null, true, false),
);

/** Sentinels the tests plant as secrets and then look for in every message. */
export const SENTINEL_SECRET_KEY = "SENTINEL-secretKey-7f3a9c1e5b2d4f60a8";
export const SENTINEL_API_KEY = "SENTINEL-apiKey-2b8e6d4c0a9f1e3d5c7";
export const SENTINEL_KEY_ARGUMENT = "SENTINEL-searchSecret-9d1c3e5f7a0b2c4e";
export const SENTINELS = [SENTINEL_SECRET_KEY, SENTINEL_API_KEY, SENTINEL_KEY_ARGUMENT];

/** Every form a secret could leak in: as is, base64 and URL-encoded. */
export function leakedSentinels(text: string, sentinels: readonly string[] = SENTINELS): string[] {
  return sentinels.filter(
    (s) => text.includes(s) || text.includes(Buffer.from(s).toString("base64")) || text.includes(encodeURIComponent(s)),
  );
}
