/**
 * StsCredentials renewal through the real dynamic-provider host (issue 16, item 5): a renewBefore
 * that would renew on every run is refused in check, and MFA-authenticated credentials are never
 * renewed with the code they were made with.
 */
import { providerKey, type WireObject } from "./providerHost";
import { startNcloudStack, type NcloudStack } from "./ncloudStack";

const KIND = "stsCredentials" as const;

describe("StsCredentials renewal through the real dynamic-provider host", () => {
  let stack: NcloudStack;
  beforeAll(async () => {
    stack = await startNcloudStack();
  });
  afterAll(() => stack.close());

  async function check(name: string, news: WireObject) {
    return stack.host.check(stack.urn(KIND, name), {}, { ...news, [providerKey]: await stack.provider(KIND) });
  }

  test.each([
    ["durationSec 600 and the default renewBefore (600)", { durationSec: 600 }, /renewBefore \(600 s, the default\) must be less than the credentials' lifetime \(durationSec 600 s\).*Fix: set renewBefore below 600/s],
    ["renewBefore above durationSec", { durationSec: 900, renewBefore: 1200 }, /renewBefore \(1200 s\) must be less than .*durationSec 900 s/s],
    ["NCP's default lifetime (3600 s) with renewBefore 3600", { serialNumber: "mfa-device-1", tokenCode: 123456, renewBefore: 3600 }, /3600 s, NCP's default when durationSec is not set/],
  ])("check refuses %s: it would renew on every preview and up", async (_name, news, reason) => {
    const before = stack.emulator.requests.length;
    const checked = await check("too-late", news);
    expect(checked.failures).toEqual([{ property: "renewBefore", reason: expect.stringMatching(reason) }]);
    expect(stack.emulator.requests.length).toBe(before);
  });

  test.each([
    ["renewBefore below durationSec", { durationSec: 900, renewBefore: 600 }],
    ["durationSec unknown in preview", { durationSec: "04da6b54-80e4-46f7-96ec-b56ff0331ba9", renewBefore: 900 }],
    ["the caller's own credentials, which never expire", { renewBefore: 7200 }],
  ])("check accepts %s", async (_name, news) => {
    expect((await check("fine", news)).failures).toEqual([]);
  });

  describe("MFA-authenticated credentials", () => {
    const device = "mfa-device-1";
    let made: { id: string; properties: WireObject; inputs: WireObject };
    beforeAll(async () => {
      stack.emulator.state.mfaDevices.set(device, 111111);
      made = await stack.createResource(KIND, "mfa", { durationSec: 900, serialNumber: device, tokenCode: 111111 });
      expect(made.properties).toMatchObject({ useMfa: true });
    });
    const u = () => stack.urn(KIND, "mfa");
    const nearExpiry = () => ({ ...made.properties, expireTime: new Date(Date.now() + 60_000).toISOString() });

    test("due for renewal with the same tokenCode: the diff fails saying a fresh code is needed, and nothing is sent", async () => {
      stack.emulator.state.mfaDevices.set(device, 222222); // the device shows a new code by now
      const before = stack.emulator.requests.length;
      const diff = stack.host.diff(made.id, u(), nearExpiry(), made.inputs);
      await expect(diff).rejects.toThrow(/new MFA-authenticated credentials are needed \(they expire at \S+, within renewBefore \(600 s\)\), and they need a fresh tokenCode.*Nothing was sent.*Fix: set tokenCode to the code the MFA device shows now/s);
      expect(stack.emulator.requests.length).toBe(before);
    });

    test("another durationSec with the same tokenCode fails the same way", async () => {
      await expect(stack.host.diff(made.id, u(), made.properties, { ...made.inputs, durationSec: 1800 })).rejects.toThrow(/\(durationSec changed\), and they need a fresh tokenCode/);
    });

    test("not due, same tokenCode: nothing to do, no error", async () => {
      expect((await stack.host.diff(made.id, u(), made.properties, made.inputs)).changes).toBe("DIFF_NONE");
    });

    test("with the fresh code the diff replaces them and create sends that code", async () => {
      const fresh = { ...made.inputs, tokenCode: 222222 };
      expect(await stack.host.diff(made.id, u(), nearExpiry(), fresh)).toMatchObject({ changes: "DIFF_SOME", replaces: ["tokenCode", "expireTime"] });
      const renewed = await stack.host.create(u(), fresh);
      expect(renewed.properties).toMatchObject({ useMfa: true, tokenCode: 222222 });
      // The emulator's device accepts only the code it shows now.
      expect(stack.emulator.state.stsIssued.at(-1)!.accessKey).toBe(renewed.properties.accessKey);
    });
  });
});
