import { startEmulator, type Emulator } from "../../sdk/emulator";
import { signedRequest } from "./signedRequest";

const PATH = "/api/v1/credentials";
const RANGE_ERROR = {
  errorCode: 400,
  message: "durationSec can be used only in the following scope valid range: 600 - 43200",
};

describe("emulator: Secure Token Service", () => {
  let emulator: Emulator;
  const fixedNow = Date.parse("2025-06-01T12:00:00.000Z");
  beforeEach(async () => {
    emulator = await startEmulator({ now: () => fixedNow });
  });
  afterEach(() => emulator.close());

  const post = (body?: unknown) => signedRequest(emulator, { method: "POST", path: PATH, body, timestamp: fixedNow });

  test("GET returns the caller's own access key, without secrets or expiry", async () => {
    const res = await signedRequest(emulator, { path: PATH, timestamp: fixedNow });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ accessKey: emulator.accessKey, createTime: "2025-06-01T12:00:00.000Z" });
  });

  test("GET signed with temporary credentials returns them, keySecret, expireTime and useMfa included (the STS get page)", async () => {
    const issued = (await post({ durationSec: 900 })).json() as Record<string, string>;
    const res = await signedRequest(emulator, { path: PATH, timestamp: fixedNow, accessKey: issued.accessKey, secretKey: issued.keySecret });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ ...issued, useMfa: false });
  });

  test("temporary credentials sign every API until they expire, then the gateway refuses them", async () => {
    const issued = (await post({ durationSec: 600 })).json() as Record<string, string>;
    const as = (timestamp: number, path = "/api/v1/sub-accounts/4e066e50-9c3a-11e7-8a66-1e5021fa7c80/access-keys") =>
      signedRequest(emulator, { path, timestamp, accessKey: issued.accessKey, secretKey: issued.keySecret });
    expect((await as(fixedNow)).status).toBe(200);
    expect((await signedRequest(emulator, { path: PATH, timestamp: fixedNow, accessKey: issued.accessKey, secretKey: "not-its-secret" })).status).toBe(401);
    const expired = await startEmulator({ now: () => fixedNow + 601_000 });
    try {
      expired.state.stsIssued.push(...emulator.state.stsIssued);
      const res = await signedRequest(expired, { path: PATH, timestamp: fixedNow + 601_000, accessKey: issued.accessKey, secretKey: issued.keySecret });
      expect(res.status).toBe(401);
    } finally {
      await expired.close();
    }
  });

  test("POST without a body issues credentials valid for 3600 s, without MFA", async () => {
    const res = await post();
    expect(res.status).toBe(200);
    const body = res.json() as Record<string, unknown>;
    expect(body).toEqual({
      accessKey: expect.stringMatching(/^ncp_iam_[A-Za-z0-9]{20}$/),
      keySecret: expect.stringMatching(/^ncp_iam_[A-Za-z0-9]{32}$/),
      createTime: "2025-06-01T12:00:00.000Z",
      expireTime: "2025-06-01T13:00:00.000Z",
      useMfa: false,
    });
    expect(emulator.state.stsIssued).toEqual([body]);
  });

  test("durationSec sets the expiry", async () => {
    const res = await post({ durationSec: 43200 });
    expect((res.json() as { expireTime: string }).expireTime).toBe("2025-06-02T00:00:00.000Z");
    expect((await post({ durationSec: 600 })).status).toBe(200);
  });

  test.each([599, 43201, 0, -1, 1000.5, "3600"])("durationSec %p is refused with 400", async (durationSec) => {
    const res = await post({ durationSec });
    expect(res.status).toBe(400);
    expect(res.json()).toEqual(RANGE_ERROR);
    expect(emulator.state.stsIssued).toEqual([]);
  });

  test("useMfa is true only when both serialNumber and tokenCode are given", async () => {
    const mfa = async (body: unknown) => ((await post(body)).json() as { useMfa: boolean }).useMfa;
    expect(await mfa({ serialNumber: "arn:mfa", tokenCode: 123456 })).toBe(true);
    expect(await mfa({ serialNumber: "arn:mfa" })).toBe(false);
    expect(await mfa({ tokenCode: 123456 })).toBe(false);
  });

  test("a body that is not a JSON object is 400", async () => {
    const res = await post("durationSec=600");
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ errorCode: 400 });
  });
});
