import { backoffDelay, classify, mayHaveBeenApplied, nextDelay, parseRetryAfter } from "../../sdk/call/retry";
import { learnClockOffset } from "../../sdk/call/clockSkew";

describe("retry classification", () => {
  test.each([
    ["GET", 429, "retry"],
    ["GET", 500, "retry"],
    ["GET", 502, "retry"],
    ["GET", 503, "retry"],
    ["GET", 504, "retry"],
    ["PUT", 500, "retry"],
    ["DELETE", 504, "retry"],
    ["GET", 400, "fail"],
    ["GET", 401, "fail"],
    ["GET", 404, "fail"],
    ["POST", 409, "fail"],
    ["POST", 429, "retry"],
    ["POST", 503, "outcomeUnknown"],
    ["GET", 301, "fail"],
    ["DELETE", 307, "fail"],
    ["PUT", 308, "fail"],
    ["POST", 500, "outcomeUnknown"],
    ["POST", 502, "outcomeUnknown"],
    ["POST", 504, "outcomeUnknown"],
  ] as const)("%s answered %d → %s", (method, status, decision) => {
    expect(classify(method, { kind: "response", status })).toBe(decision);
  });

  test.each([
    ["POST", "ECONNREFUSED", "retry"],
    ["POST", "UND_ERR_CONNECT_TIMEOUT", "retry"],
    ["POST", "ECONNRESET", "outcomeUnknown"],
    ["POST", "UND_ERR_SOCKET", "outcomeUnknown"],
    ["POST", "UND_ERR_HEADERS_TIMEOUT", "outcomeUnknown"],
    ["GET", "ECONNRESET", "retry"],
    ["GET", "UND_ERR_HEADERS_TIMEOUT", "retry"],
    ["DELETE", "UND_ERR_SOCKET", "retry"],
  ] as const)("%s failing with %s → %s", (method, code, decision) => {
    expect(classify(method, { kind: "network", code })).toBe(decision);
  });
});

describe("may an attempt have been carried out", () => {
  test.each([
    [429, false],
    [400, false],
    [500, true],
    [502, true],
    [503, true],
    [504, true],
  ] as const)("answered %d → may have been applied: %s", (status, may) => {
    expect(mayHaveBeenApplied({ kind: "response", status })).toBe(may);
  });
});

describe("full-jitter backoff", () => {
  const opts = { baseMs: 100, capMs: 1000 };
  test("is random() times min(cap, base * 2^attempt)", () => {
    expect(backoffDelay(0, opts, () => 0.5)).toBe(50);
    expect(backoffDelay(1, opts, () => 0.5)).toBe(100);
    expect(backoffDelay(3, opts, () => 0.5)).toBe(400);
    expect(backoffDelay(10, opts, () => 0.5)).toBe(500);
    expect(backoffDelay(10, opts, () => 0.999)).toBeLessThan(1000);
    expect(backoffDelay(2, opts, () => 0)).toBe(0);
  });

  test("Retry-After plus the jittered backoff, and one beyond the cap stops retrying", () => {
    expect(nextDelay(0, 700, opts, () => 0.5)).toBe(750);
    expect(nextDelay(0, 700, opts, () => 0)).toBe(700);
    expect(nextDelay(3, 10, opts, () => 0.5)).toBe(410);
    expect(nextDelay(0, 5000, opts, () => 0.5)).toBeUndefined();
    expect(nextDelay(0, undefined, opts, () => 1 / 4)).toBe(25);
  });
});

describe("Retry-After parsing", () => {
  const now = Date.parse("2024-01-01T00:00:00Z");
  test("reads delta-seconds", () => expect(parseRetryAfter("3", now)).toBe(3000));
  test("reads an HTTP date", () => expect(parseRetryAfter("Mon, 01 Jan 2024 00:00:05 GMT", now)).toBe(5000));
  test("0 seconds is a valid answer", () => expect(parseRetryAfter("0", now)).toBe(0));
  test.each(["Sun, 31 Dec 2023 00:00:00 GMT", "-1", "1.5", "+3", "1e3", "2024-01-01T00:00:05Z", "soon", "", "Mon, 01 Jan 2024 00:00:00 GMT"])(
    "%j is not a Retry-After we honour (a past date, a negative or fractional number, another format): ordinary backoff",
    (value) => expect(parseRetryAfter(value, now)).toBeUndefined(),
  );
  test("absent is undefined", () => expect(parseRetryAfter(undefined, now)).toBeUndefined());
});

describe("clock skew learning", () => {
  const server = Date.parse("2024-01-01T00:10:00Z");
  const date = new Date(server).toUTCString();
  test("a 401 with a Date 10 minutes ahead teaches +10 minutes", () => {
    expect(learnClockOffset(401, date, server - 600_000, {})).toBe(600_000);
  });
  test("a 401 that blames the timestamp teaches even a small offset", () => {
    expect(learnClockOffset(401, date, server - 1000, { details: "Invalid timestamp: more than 5 minutes" })).toBe(1000);
  });
  test("a 401 about the keys with a close clock teaches nothing", () => {
    expect(learnClockOffset(401, date, server - 1000, { details: "Invalid authentication information." })).toBeUndefined();
  });
  test("no Date header or another status teaches nothing", () => {
    expect(learnClockOffset(401, undefined, 0, { details: "Invalid timestamp" })).toBeUndefined();
    expect(learnClockOffset(403, date, 0, {})).toBeUndefined();
  });
});
