import fc from "fast-check";
import { signature, signedHeaders, HEADER_SIGNATURE } from "../../sdk/signer";
import { signerVectors } from "../sdk/signer.fixture";
import { referenceHmacSha256, referenceSignature } from "./referenceHmac";

/** Any string, including lone surrogates and characters outside the BMP. */
const anyText = fc.string({ unit: "binary", maxLength: 200 });
const method = fc.oneof(fc.constantFrom("GET", "POST", "PUT", "DELETE", "get", "Patch"), fc.string({ maxLength: 12 }));
const pathAndQuery = fc.oneof(
  fc.webPath().chain((path) => fc.webQueryParameters().map((query) => (query ? `${path}?${query}` : path))),
  anyText,
);
const timestamp = fc.oneof(fc.integer({ min: 0, max: 4_102_444_800_000 }).map(String), fc.string({ maxLength: 20 }));
/** Keys of every length around the 64-byte block, where HMAC switches to hashing the key. */
const key = fc.oneof(anyText, fc.string({ minLength: 60, maxLength: 70 }), fc.string({ minLength: 100, maxLength: 300 }));

describe("the reference HMAC itself", () => {
  test("matches RFC 4231 test case 2 and the fixed signer vectors", () => {
    // RFC 4231 §4.3: key "Jefe", data "what do ya want for nothing?"
    expect(referenceHmacSha256("Jefe", "what do ya want for nothing?").toString("hex")).toBe(
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    );
    for (const v of signerVectors) {
      expect(referenceSignature(v.method, v.pathAndQuery, v.timestamp, v.accessKey, v.secretKey)).toBe(v.expected);
    }
  });

  test("matches RFC 4231 test case 6, a key longer than the block", () => {
    const key = Buffer.alloc(131, 0xaa);
    expect(referenceHmacSha256(key, "Test Using Larger Than Block-Size Key - Hash Key First").toString("hex")).toBe(
      "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
    );
  });
});

describe("signer agrees with an independent HMAC-SHA256", () => {
  test.each(signerVectors)("fixed vector: $name", (v) => {
    expect(signature(v)).toBe(v.expected);
  });

  test("for arbitrary methods, paths, queries, timestamps and keys", () => {
    fc.assert(
      fc.property(method, pathAndQuery, timestamp, anyText, key, (m, p, t, accessKey, secretKey) => {
        const expected = referenceSignature(m, p, t, accessKey, secretKey);
        expect(signature({ method: m, pathAndQuery: p, timestamp: t, accessKey, secretKey })).toBe(expected);
        expect(signedHeaders({ method: m, pathAndQuery: p, timestamp: t, accessKey, secretKey })[HEADER_SIGNATURE]).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });

  test("a numeric timestamp signs the same as its decimal string", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), pathAndQuery, (ts, p) => {
        const base = { method: "GET", pathAndQuery: p, accessKey: "AK", secretKey: "SK" };
        expect(signature({ ...base, timestamp: ts })).toBe(referenceSignature("GET", p, String(ts), "AK", "SK"));
      }),
      { numRuns: 200 },
    );
  });

  test("changing any one input changes the signature", () => {
    fc.assert(
      fc.property(pathAndQuery, anyText, key, anyText, (p, accessKey, secretKey, extra) => {
        fc.pre(extra.length > 0);
        const base = { method: "GET", pathAndQuery: p, timestamp: "1700000000000", accessKey, secretKey };
        const sig = signature(base);
        expect(signature({ ...base, pathAndQuery: p + extra })).not.toBe(sig);
        expect(signature({ ...base, accessKey: accessKey + extra })).not.toBe(sig);
        expect(signature({ ...base, method: "POST" })).not.toBe(sig);
      }),
      { numRuns: 200 },
    );
  });
});
