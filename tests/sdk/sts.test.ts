import { NcloudError } from "../../sdk";
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
