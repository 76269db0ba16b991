import { request } from "undici";
import { startEmulator, type Emulator } from "../../sdk/emulator";
import { signedHeaders } from "../../sdk/signer";
import { signedRequest } from "./signedRequest";

const AUTH_FAILED = {
  error: { errorCode: "200", message: "Authentication Failed", details: "Invalid authentication information." },
};

describe("emulator: API Gateway checks", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.close());

  test("listens on 127.0.0.1 and generates NCP-shaped keys when none are given", () => {
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emulator.accessKey).toMatch(/^ncp_iam_[A-Za-z0-9]{20}$/);
    expect(emulator.secretKey).toMatch(/^ncp_iam_[A-Za-z0-9]{32}$/);
    expect(emulator.apiKey.length).toBeGreaterThan(10);
  });

  test("a correctly signed request is answered", async () => {
    const res = await signedRequest(emulator, { path: "/api/v1/credentials" });
    expect(res.status).toBe(200);
  });

  test("a signature made with the wrong secret key is rejected with 401", async () => {
    const res = await signedRequest(emulator, { path: "/api/v1/credentials", secretKey: "not-the-secret" });
    expect(res.status).toBe(401);
    expect(res.json()).toEqual(AUTH_FAILED);
  });

  test("an unknown access key is rejected with 401", async () => {
    const res = await signedRequest(emulator, { path: "/api/v1/credentials", accessKey: "ncp_iam_someoneElse" });
    expect(res.status).toBe(401);
    expect(res.json()).toEqual(AUTH_FAILED);
  });

  test("a request without a signature is rejected with 401", async () => {
    const res = await signedRequest(emulator, {
      path: "/api/v1/credentials",
      headers: { "x-ncp-apigw-signature-v2": undefined },
    });
    expect(res.status).toBe(401);
  });

  test("the signature covers the query string exactly as sent", async () => {
    const signedOver = await signedRequest(emulator, { path: "/api/v1/credentials?a=1&b=%20" });
    expect(signedOver.status).toBe(200);
    // Signed for one query, sent with another: rejected.
    const headers = signedHeaders({
      method: "GET",
      pathAndQuery: "/api/v1/credentials?a=1",
      timestamp: Date.now(),
      accessKey: emulator.accessKey,
      secretKey: emulator.secretKey,
    });
    const res = await request(`${emulator.url}/api/v1/credentials?a=2`, { headers });
    await res.body.text();
    expect(res.statusCode).toBe(401);
  });

  test("a timestamp more than 5 minutes old is rejected with 401 and a Date header", async () => {
    const res = await signedRequest(emulator, { path: "/api/v1/credentials", timestamp: Date.now() - 5 * 60_000 - 5_000 });
    expect(res.status).toBe(401);
    expect(res.json()).toEqual({
      error: {
        errorCode: "200",
        message: "Authentication Failed",
        details: "Invalid timestamp: more than 5 minutes from server time.",
      },
    });
    expect(typeof res.headers.date).toBe("string");
  });

  test("a timestamp 4 minutes off is accepted", async () => {
    const res = await signedRequest(emulator, { path: "/api/v1/credentials", timestamp: Date.now() + 4 * 60_000 });
    expect(res.status).toBe(200);
  });

  test("CLOVA NSML without the API key is rejected with 401/210 Permission Denied, as the gateway documents", async () => {
    const res = await signedRequest(emulator, { path: "/nsml/v1/auth-keys", apiKey: null });
    expect(res.status).toBe(401);
    expect(res.json()).toEqual({ error: { errorCode: "210", message: "Permission Denied", details: "Invalid API key." } });
  });

  test("CLOVA NSML with a wrong API key is rejected with 401", async () => {
    const res = await signedRequest(emulator, { path: "/nsml/v1/auth-keys", apiKey: "wrong" });
    expect(res.status).toBe(401);
  });

  test("the other APIs do not need the API key", async () => {
    const res = await signedRequest(emulator, { path: "/api/v1/credentials", apiKey: null });
    expect(res.status).toBe(200);
  });

  test("an unknown path is the gateway's 404/300 Not Found Exception", async () => {
    const res = await signedRequest(emulator, { path: "/api/v9/nothing" });
    expect(res.status).toBe(404);
    expect(res.json()).toEqual({ error: { errorCode: "300", message: "Not Found Exception" } });
  });

  test("no response body or header carries the secret key or API key", async () => {
    const responses = await Promise.all([
      signedRequest(emulator, { path: "/api/v1/credentials" }),
      signedRequest(emulator, { path: "/api/v1/credentials", secretKey: "x" }),
      signedRequest(emulator, { path: "/nsml/v1/auth-keys", apiKey: "wrong" }),
      signedRequest(emulator, { path: "/nsml/v1/auth-keys" }),
    ]);
    for (const res of responses) {
      const all = res.text + JSON.stringify(res.headers);
      expect(all).not.toContain(emulator.secretKey);
      expect(all).not.toContain(emulator.apiKey);
    }
  });
});

describe("emulator: server clock", () => {
  test("a skewed server clock rejects an honest client, and its Date header shows the skew", async () => {
    const skewMs = 10 * 60_000;
    // The server's clock stands still on a whole second: its Date header is known exactly.
    const serverNow = Math.floor(Date.now() / 1000) * 1000 + skewMs;
    const emulator = await startEmulator({ now: () => serverNow });
    try {
      const res = await signedRequest(emulator, { path: "/api/v1/credentials" });
      expect(res.status).toBe(401);
      const serverDate = Date.parse(String(res.headers.date));
      expect(serverDate).toBe(serverNow);
      // A client that corrects its clock by the Date header gets through.
      const corrected = await signedRequest(emulator, { path: "/api/v1/credentials", timestamp: serverDate });
      expect(corrected.status).toBe(200);
    } finally {
      await emulator.close();
    }
  });

  test("with gatewayNow apart, NCP's clock can be 90 days ahead while the caller's real timestamps still pass", async () => {
    const ahead = Date.parse("2027-03-01T00:00:00Z");
    const emulator = await startEmulator({ now: () => ahead, gatewayNow: Date.now });
    try {
      const res = await signedRequest(emulator, { path: "/api/v1/credentials" });
      expect(res.status).toBe(200);
      expect(Date.parse(String(res.headers.date))).toBe(ahead);
    } finally {
      await emulator.close();
    }
  });

  test("the given keys are the ones accepted", async () => {
    const emulator = await startEmulator({ accessKey: "AK", secretKey: "SK", apiKey: "API" });
    try {
      expect([emulator.accessKey, emulator.secretKey, emulator.apiKey]).toEqual(["AK", "SK", "API"]);
      const res = await signedRequest(emulator, { path: "/nsml/v1/auth-keys" });
      expect(res.status).toBe(200);
    } finally {
      await emulator.close();
    }
  });
});
