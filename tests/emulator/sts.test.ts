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
