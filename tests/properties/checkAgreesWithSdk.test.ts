import fc from "fast-check";
import { INVALID_INPUT, NcloudClient, NcloudError } from "../../sdk";
import { type Emulator, startEmulator } from "../../sdk/emulator";
import * as searchSnapshotAuthKey from "../../provider/handlers/searchSnapshotAuthKey";
import * as stsCredentials from "../../provider/handlers/stsCredentials";
import * as subAccountAccessKey from "../../provider/handlers/subAccountAccessKey";
import { SENTINEL_API_KEY, SENTINEL_KEY_ARGUMENT, SENTINEL_SECRET_KEY } from "./arbitraries";

/**
 * What check() lets through at preview, the SDK must not refuse at `pulumi up`: otherwise a
 * preview is green and the deployment fails on input that was known all along.
 */
let emulator: Emulator;
let client: NcloudClient;

beforeAll(async () => {
  emulator = await startEmulator({ secretKey: SENTINEL_SECRET_KEY, apiKey: SENTINEL_API_KEY });
  client = new NcloudClient({
    endpoint: emulator.url,
    accessKey: emulator.accessKey,
    secretKey: SENTINEL_SECRET_KEY,
    apiKey: SENTINEL_API_KEY,
    env: {},
    maxAttempts: 1,
  });
});

afterAll(async () => {
  await client.close();
  await emulator.close();
});

async function refusal(run: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await run();
  } catch (error) {
    if (error instanceof NcloudError && error.code === INVALID_INPUT) return error.message;
    if (!(error instanceof NcloudError)) throw error;
  }
  return undefined;
}

/** Short strings over the characters the schemas care about, so edge cases come up often. */
const edgyString = fc.stringMatching(/^[ A-Za-z0-9._~\-/]{0,4}$/);
describe("check() and the SDK agree on what is valid", () => {
  test("SubAccountAccessKey: a subAccountId check() accepts is sent", async () => {
    await fc.assert(
      fc.asyncProperty(edgyString, async (subAccountId) => {
        const checked = subAccountAccessKey.check({}, { subAccountId });
        if (checked.failures?.length) return;
        expect(await refusal(() => client.subAccount.listAccessKeys(checked.inputs.subAccountId))).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });

  test("StsCredentials: arguments check() accepts are sent", async () => {
    const args = fc.record(
      { durationSec: fc.integer({ min: 500, max: 44000 }), serialNumber: edgyString, tokenCode: fc.oneof(fc.integer({ min: -5, max: 999999 }), fc.stringMatching(/^\d{6}$/)) },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(args, async (news) => {
        const checked = stsCredentials.check({}, news);
        if (checked.failures?.length) return;
        const { renewBefore: _r, ...resolved } = checked.inputs;
        expect(await refusal(() => stsCredentials.readStsCredentials(client, resolved))).toBeUndefined();
      }),
      { numRuns: 150 },
    );
  });

  test("SearchSnapshotAuthKey: arguments check() accepts are sent", async () => {
    const args = fc.record({
      serviceGroupInstanceNo: fc.oneof(fc.nat().map(String), fc.nat(), edgyString),
      accessKeyId: edgyString,
      secretKey: fc.oneof(fc.constant(SENTINEL_KEY_ARGUMENT), edgyString),
      region: fc.constantFrom("KR", "SGN", "JPN"),
    });
    await fc.assert(
      fc.asyncProperty(args, async (news) => {
        const checked = searchSnapshotAuthKey.check({}, news);
        if (checked.failures?.length) return;
        const { serviceGroupInstanceNo, accessKeyId, secretKey, region } = checked.inputs;
        expect(
          await refusal(() => client.searchEngine.updateApiAuthenticationKey(serviceGroupInstanceNo, { accessKeyId, secretKey }, { region })),
        ).toBeUndefined();
      }),
      { numRuns: 150 },
    );
  });

  // Each of these once passed check() and failed only at `pulumi up`.
  test('check() refuses subAccountId "." and "..", which the SDK refuses', () => {
    for (const subAccountId of [".", ".."]) {
      expect(subAccountAccessKey.check({}, { subAccountId }).failures?.map((f) => f.property)).toEqual(["subAccountId"]);
    }
  });

  test('check() refuses a blank accessKeyId/secretKey/serialNumber (" "), which the SDK refuses', () => {
    const search = searchSnapshotAuthKey.check({}, { serviceGroupInstanceNo: "1531843", accessKeyId: " ", secretKey: " " });
    expect(search.failures?.map((f) => f.property).sort()).toEqual(["accessKeyId", "secretKey"]);
    expect(stsCredentials.check({}, { serialNumber: " " }).failures?.map((f) => f.property)).toEqual(["serialNumber"]);
  });

  test("check() refuses a negative tokenCode, which the SDK refuses, naming tokenCode and the fix", () => {
    const failures = stsCredentials.check({}, { tokenCode: -1 }).failures ?? [];
    expect(failures.map((f) => f.property)).toEqual(["tokenCode"]);
    expect(failures[0].reason).toContain("6-digit OTP code");
  });
});
