import { NcloudError } from "../../sdk";
import { answeringJson } from "../hostile/servers";
import { type Harness, harness, rejection } from "./helpers";

describe("sts client against the emulator", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness();
  });
  afterEach(() => h.close());

  test("getCredentials returns the caller's own key, without a secret", async () => {
    const creds = await h.client.sts.getCredentials();
    expect(creds.accessKey).toBe(h.emulator.accessKey);
    expect(creds.keySecret).toBeUndefined();
    expect(h.emulator.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /api/v1/credentials"]);
  });

  test("createCredentials returns temporary credentials that expire after durationSec", async () => {
    const creds = await h.client.sts.createCredentials({ durationSec: 900 });
    expect(creds.keySecret).toEqual(expect.any(String));
    expect(creds.useMfa).toBe(false);
    expect(Date.parse(creds.expireTime ?? "") - Date.parse(creds.createTime)).toBe(900_000);
  });

  test("createCredentials with no arguments uses NCP's default duration", async () => {
    const creds = await h.client.sts.createCredentials();
    expect(Date.parse(creds.expireTime ?? "") - Date.parse(creds.createTime)).toBe(3_600_000);
  });

  test.each([599, 43201, 1000.5])("durationSec %d is rejected before sending", async (durationSec) => {
    const error = await rejection(h.client.sts.createCredentials({ durationSec }), NcloudError);
    expect(error).toMatchObject({ code: "InvalidInput", status: undefined, operation: "sts.createCredentials" });
    expect(error.message).toContain("durationSec");
    expect(h.emulator.requests).toEqual([]);
  });
});

describe("STS's documented error codes each say what to do", () => {
  test("a wrong MFA token code is 401/401: the token code, not the keys", async () => {
    const h = await harness();
    try {
      h.emulator.state.mfaDevices.set("mfa-serial-1", 123456);
      const error = await rejection(h.client.sts.createCredentials({ serialNumber: "mfa-serial-1", tokenCode: 654321 }), NcloudError);
      expect(error).toMatchObject({ status: 401, code: "401" });
      expect(error.message).toContain("Fix: the MFA token code was refused: pass the device's current 6-digit tokenCode");
      expect(error.message).not.toContain("machine clock");
      expect(await h.client.sts.createCredentials({ serialNumber: "mfa-serial-1", tokenCode: 123456 })).toMatchObject({ useMfa: true });
    } finally {
      await h.close();
    }
  });

  test.each([
    [400, { errorCode: 400, message: "durationSec can be used only in the following scope valid range: 600 - 43200" }, "durationSec must be an integer from 600"],
    [401, { errorCode: 401, message: "Invalid MFA token code" }, "the MFA token code was refused"],
    [404, { errorCode: 404, message: "Invalid or expired credentials" }, "the credentials that signed the request are invalid or expired: renew them"],
  ])("%d/%j", async (status, body, fix) => {
    const s = await answeringJson(status, body);
    try {
      const error = await rejection(s.client.sts.createCredentials({ durationSec: 900 }), NcloudError);
      expect(error).toMatchObject({ status, code: String(body.errorCode) });
      expect(error.message).toContain(`Fix: ${fix}`);
    } finally {
      await s.close();
    }
  });
});
