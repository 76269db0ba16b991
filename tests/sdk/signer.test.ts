import { signature, signedHeaders, stringToSign } from "../../sdk/signer";
import { signerVectors } from "./signer.fixture";

describe("signer: NCP API Gateway signature v2", () => {
  test.each(signerVectors)("$name", (v) => {
    expect(signature(v)).toBe(v.expected);
  });

  test("string to sign is METHOD space PATH, newline, timestamp, newline, access key", () => {
    expect(stringToSign({ method: "get", pathAndQuery: "/a?b=1", timestamp: 5, accessKey: "K" })).toBe("GET /a?b=1\n5\nK");
  });

  test("headers carry timestamp, access key, signature, and the API key only when given", () => {
    const v = signerVectors[0];
    expect(signedHeaders(v)).toEqual({
      "x-ncp-apigw-timestamp": v.timestamp,
      "x-ncp-iam-access-key": v.accessKey,
      "x-ncp-apigw-signature-v2": v.expected,
    });
    expect(signedHeaders({ ...v, apiKey: "api-key-1" })["x-ncp-apigw-api-key"]).toBe("api-key-1");
  });
});
