import { inspect } from "node:util";
import { MAX_FIELD, MAX_PLAIN, parseErrorBody, stripTags } from "../../sdk/errors/errorBody";
import { charactersScanned } from "./charactersScanned";
import { NcloudError } from "../../sdk/errors/errors";
import { responseFailure } from "../../sdk/call/failure";
import { fixFor } from "../../sdk/errors/fixes";

describe("NCP error bodies", () => {
  test("gateway shape {error:{errorCode,message,details}}", () => {
    expect(
      parseErrorBody('{"error":{"errorCode":"200","message":"Authentication Failed","details":"Invalid authentication information."}}'),
    ).toEqual({ code: "200", message: "Authentication Failed", details: "Invalid authentication information." });
  });
  test("service shape {errorCode:number,message}: the code becomes a string", () => {
    expect(parseErrorBody('{"errorCode":9011,"message":"Too many"}')).toMatchObject({ code: "9011", message: "Too many" });
  });
  test("search engine shape {code,message,result,requestId}", () => {
    expect(parseErrorBody('{"code":404,"message":"Service group not found","result":null,"requestId":"r-1"}')).toEqual({
      code: "404",
      message: "Service group not found",
      details: undefined,
      requestId: "r-1",
    });
  });
  test("plain text and HTML are quoted as the message", () => {
    expect(parseErrorBody("<html><body><h1>502 Bad Gateway</h1></body></html>")).toEqual({ message: "502 Bad Gateway" });
    expect(parseErrorBody("")).toEqual({});
  });
  // Work counted, not timed. The bodies a proxy could send to make tag stripping quadratic: a
  // rescan from every '<' that has no '>' looks at n²/2 characters (15 s for 200 KB once).
  test.each([
    ["'<' × 1 MiB", "<".repeat(1024 * 1024)],
    ["'<a' × 512 Ki", "<a".repeat(512 * 1024)],
    ["'<' × 32 Ki then '>' × 32 Ki", `${"<".repeat(32 * 1024)}${">".repeat(32 * 1024)}`],
    ["'<b>x' × 16 Ki", "<b>x".repeat(16 * 1024)],
    ["'<<<>' × 16 Ki", "<<<>".repeat(16 * 1024)],
  ])("HTML of %s is stripped looking at each character at most once, and only the first MAX_PLAIN", async (_name, body) => {
    const scan = await charactersScanned(() => parseErrorBody(body));
    expect(scan.calls).toBeGreaterThan(0); // the strip searches with indexOf: a rewrite must count its own work
    expect(scan.characters).toBeLessThanOrEqual(Math.min(body.length, MAX_PLAIN));
    expect(scan.result.message?.length ?? 0).toBeLessThanOrEqual(MAX_FIELD);
  });
  test("stripping is not a rescan: text outside tags is kept, every tag becomes one space", () => {
    expect(stripTags("a<b>c<<d>e<f")).toBe("a c e<f");
    expect(stripTags("<<<>")).toBe(" ");
  });
});

describe("what each error tells the user to do", () => {
  // One row per error code NCP documents for the calls we make (docs/ncp-wire.md), plus ours.
  const documented: Array<[number, string, string, string]> = [
    [401, "200", "subAccount.listAccessKeys", "ncloud:accessKey / ncloud:secretKey, NCLOUD_ACCESS_KEY / NCLOUD_SECRET_KEY, NCLOUD_ACCESS_KEY_ID"],
    [401, "210", "sts.getCredentials", "attach a policy that allows it to the key's sub account"],
    [401, "210", "nsml.listAuthKeys", "check the API key (ncloud:apiKey / NCLOUD_API_KEY"],
    [409, "9012", "subAccount.createAccessKey", "maximum number of active keys: delete or deactivate one"],
    [401, "30", "subAccount.setAccessKeyActive", "no sub account with this subAccountId: check subAccountId"],
    [404, "30", "subAccount.createAccessKey", "no sub account with this subAccountId: check subAccountId"],
    [401, "30", "subAccount.deleteAccessKey", "the key is already gone"],
    [400, "100", "sts.getCredentials", "refused the request as malformed"],
    [404, "300", "searchEngine.getBucketList", "no such API on this host: check ncloud:site"],
    [400, "904", "subAccount.deleteAccessKey", "no such access key"],
    [400, "400", "sts.createCredentials", "durationSec must be an integer from 600"],
    [401, "401", "sts.createCredentials", "pass the device's current 6-digit tokenCode"],
    [404, "404", "sts.createCredentials", "invalid or expired: renew them"],
    [429, "400", "sts.getCredentials", "quota exceeded"],
    [200, "5001", "searchEngine.getBucketList", "cannot reach Object Storage"],
    [404, "404", "searchEngine.getBucketList", "no such service group"],
  ];
  test.each(documented)("%d with NCP code %s (%s)", (status, code, operation, advice) => {
    expect(fixFor({ status, code, operation })).toContain(advice);
  });

  test("each documented code gets its own fix, not the credentials advice", () => {
    // 401/30 and 404/30 are one fact (no such sub account) that NCP reports with two statuses.
    const fixes = documented.filter(([s, c, op]) => !(s === 404 && c === "30" && op === "subAccount.createAccessKey")).map(([status, code, operation]) => fixFor({ status, code, operation }));
    expect(new Set(fixes).size).toBe(fixes.length);
    const credentials = fixFor({ status: 401, code: "200", operation: "sts.getCredentials" });
    for (const [status, code, operation] of documented.filter(([s, c]) => s === 401 && c !== "200")) {
      expect(fixFor({ status, code, operation })).not.toBe(credentials);
    }
  });

  test("message format: operation, status, NCP code, NCP message, fix", () => {
    const error = responseFailure(
      {
        service: "subAccount",
        operation: "subAccount.createAccessKey",
        origin: "http://127.0.0.1",
        attempts: 1,
        timeoutMs: 1000,
        secrets: [],
        retryable: false,
        outcomeUnknown: false,
      },
      409,
      '{"errorCode":9012,"message":"Maximum number of active access keys that can be created exceeded"}',
      undefined,
    );
    expect(error.message).toBe(
      "subAccount.createAccessKey failed (409, NCP code 9012): Maximum number of active access keys that can be created exceeded. " +
        "Fix: the sub account already has the maximum number of active keys: delete or deactivate one",
    );
    expect(error).toMatchObject({ status: 409, code: "9012", service: "subAccount", retryable: false, outcomeUnknown: false });
  });

  test("an NCP message that ends in a full stop does not get a second one", () => {
    const error = responseFailure(
      {
        service: "sts",
        operation: "sts.getCredentials",
        origin: "http://127.0.0.1",
        attempts: 3,
        timeoutMs: 1000,
        secrets: [],
        retryable: true,
        outcomeUnknown: false,
      },
      429,
      '{"error":{"errorCode":"400","message":"Request rate exceeds the API quota."}}',
      undefined,
      "NCP asked to retry after 1",
    );
    expect(error.message).toContain("Request rate exceeds the API quota. NCP asked to retry after 1. Fix:");
    expect(error.message).not.toContain("..");
  });

  test("an echoed secret in an error body is scrubbed from the message", () => {
    const error = responseFailure(
      {
        service: "searchEngine",
        operation: "searchEngine.updateApiAuthenticationKey",
        origin: "http://127.0.0.1",
        attempts: 1,
        timeoutMs: 1000,
        secrets: ["known-secret-value-123"],
        retryable: false,
        outcomeUnknown: false,
      },
      400,
      JSON.stringify({ message: 'bad body {"secretKey":"unknown-secret-xyz"} known-secret-value-123' }),
      undefined,
    );
    expect(error.message).not.toContain("unknown-secret-xyz");
    expect(error.message).not.toContain("known-secret-value-123");
  });

  test("NcloudError is an Error with its fields in JSON and inspect, without the cause", () => {
    const error = new NcloudError("x failed", { service: "sts", operation: "sts.getCredentials", status: 500, cause: { secret: "s3cr3t-cause" } });
    expect(error).toBeInstanceOf(Error);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ name: "NcloudError", status: 500, operation: "sts.getCredentials" });
    expect(inspect(error)).not.toContain("s3cr3t-cause");
  });
});
