/**
 * Signature v2 vectors computed outside this code base, with
 *   printf '%s\n%s\n%s' "$METHOD $PATH" "$TS" "$ACCESS_KEY" | openssl dgst -sha256 -hmac "$SECRET" -binary | base64
 * Never regenerate them with the signer under test.
 */
export interface SignerVector {
  name: string;
  method: string;
  pathAndQuery: string;
  timestamp: string;
  accessKey: string;
  secretKey: string;
  expected: string;
}

export const signerVectors: SignerVector[] = [
  {
    name: "GET with an empty and a valueless query parameter",
    method: "GET",
    pathAndQuery: "/photos/puppy.jpg?query1=&query2",
    timestamp: "1700000000000",
    accessKey: "ACCESS_KEY_ID",
    secretKey: "ncp-secret-example",
    expected: "iPe1hFfjl7BPGhFZJGCY5XZgH6eWMwCWlSdSkKU+SPE=",
  },
  {
    name: "POST create access key for a sub account",
    method: "POST",
    pathAndQuery: "/api/v1/sub-accounts/4e066e50-9c3a-11e7-8a66-1e5021fa7c80/access-keys",
    timestamp: "1700000000000",
    accessKey: "ACCESSKEY0123456789A",
    secretKey: "SECRETKEY0123456789",
    expected: "o+ylwRZh+rflMAzmS9n0s4iMVt1jPznLaEdrGZ3DM+Y=",
  },
  {
    name: "lower-case method is signed upper-cased, encoded path kept as sent",
    method: "delete",
    pathAndQuery: "/nsml/v1/auth-keys/title/my%20key/name/abc",
    timestamp: "1712345678901",
    accessKey: "AK",
    secretKey: "sk",
    expected: "4o34NHkV7vusJD9L9EUA7dG8X0HlE5icctMDRvxG3zE=",
  },
];
