/**
 * What the preview's diff says and what `pulumi up` then does agree (issue 16, items 2 and 3), through
 * the real dynamic-provider host: check normalizes the known inputs beside unknown ones, and a
 * SearchSnapshotAuthKey without `region` follows the stack's `ncloud:region` in the diff as the
 * update does.
 */
import { providerKey, reveal, unknown, type WireObject } from "./providerHost";
import { startNcloudStack, type NcloudStack } from "./ncloudStack";

const SUB = "4e066e50-9c3a-11e7-8a66-1e5021fa7c80";
const SEARCH = "searchSnapshotAuthKey" as const;

describe("check normalizes known inputs even when others are unknown, so a rotation's preview shows no false replacement", () => {
  let stack: NcloudStack;
  beforeAll(async () => {
    stack = await startNcloudStack({ subAccounts: [SUB], maxActiveKeys: 10, serviceGroups: [{ serviceGroupInstanceNo: "2000001", region: "SGN" }] });
  });
  afterAll(() => stack.close());

  /** The preview's check then diff, as the engine runs them: news hold the engine's unknown marker. */
  async function previewDiff(kind: "searchSnapshotAuthKey" | "stsCredentials", name: string, id: string, state: WireObject, olds: WireObject, news: WireObject) {
    const u = stack.urn(kind, name);
    const checked = await stack.host.check(u, olds, { ...news, [providerKey]: await stack.provider(kind) });
    expect(checked.failures).toEqual([]);
    return { checked: checked.inputs, diff: await stack.host.diff(id, u, state, checked.inputs) };
  }

  test("SearchSnapshotAuthKey region \"sgn\" beside a key still unknown (a rotation): an update, not a replacement", async () => {
    const { properties: key } = await stack.createResource("subAccountAccessKey", "sgn-key", { subAccountId: SUB });
    const given = { serviceGroupInstanceNo: 2000001, region: "sgn", accessKeyId: String(key.accessKey), secretKey: String(reveal(key.keySecret)) };
    const { id, properties, inputs } = await stack.createResource(SEARCH, "sgn", given);
    expect(properties.region).toBe("SGN");

    const { checked, diff } = await previewDiff(SEARCH, "sgn", id, properties, inputs, { ...given, accessKeyId: unknown, secretKey: unknown });
    expect(checked).toMatchObject({ region: "SGN", serviceGroupInstanceNo: "2000001", verify: true, accessKeyId: unknown });
    expect(diff).toMatchObject({ changes: "DIFF_SOME", replaces: [] });
  });

  test("StsCredentials tokenCode \"012345\" beside an unknown renewBefore: no replacement", async () => {
    stack.emulator.state.mfaDevices.set("mfa-device-1", 12345);
    const given = { durationSec: 3600, serialNumber: "mfa-device-1", tokenCode: "012345" };
    const { id, properties, inputs } = await stack.createResource("stsCredentials", "mfa", given);
    expect(properties).toMatchObject({ tokenCode: 12345, useMfa: true });

    const { checked, diff } = await previewDiff("stsCredentials", "mfa", id, properties, inputs, { ...given, renewBefore: unknown });
    expect(checked).toMatchObject({ tokenCode: 12345, renewBefore: unknown });
    expect(diff.replaces).toEqual([]);
  });
});

describe("a SearchSnapshotAuthKey without region follows the stack's ncloud:region in the diff, as the update does", () => {
  let kr: NcloudStack | undefined;
  let sgn: NcloudStack | undefined;
  afterAll(async () => {
    await kr?.close();
    await sgn?.close();
  });

  test("created in KR; with ncloud:region SGN the diff replaces it ([region]) instead of letting the update post to /api/sgn-v2", async () => {
    kr = await startNcloudStack({ subAccounts: [SUB] });
    const { properties: key } = await kr.createResource("subAccountAccessKey", "key", { subAccountId: SUB });
    const given = { serviceGroupInstanceNo: "1531843", accessKeyId: String(key.accessKey), secretKey: String(reveal(key.keySecret)) };
    const { id, properties, inputs } = await kr.createResource(SEARCH, "no-region", given);
    expect(properties).toMatchObject({ region: "KR", site: "public" });
    const u = kr.urn(SEARCH, "no-region");
    expect((await kr.host.diff(id, u, properties, inputs)).changes).toBe("DIFF_NONE");

    // The same state, read by a provider configured with ncloud:region SGN (pulumi config set ncloud:region SGN).
    sgn = await startNcloudStack({ subAccounts: [SUB] }, { "ncloud:region": "SGN" });
    const checked = await sgn.host.check(u, inputs, { ...given, [providerKey]: await sgn.provider(SEARCH) });
    expect(await sgn.host.diff(id, u, properties, checked.inputs)).toMatchObject({ changes: "DIFF_SOME", replaces: ["region"] });
    // A rotation (a new key) under that config is a replacement too, not an update posted to another region's path.
    const rotated = await sgn.host.check(u, inputs, { ...given, accessKeyId: unknown, secretKey: unknown, [providerKey]: await sgn.provider(SEARCH) });
    expect((await sgn.host.diff(id, u, properties, rotated.inputs)).replaces).toEqual(["region"]);
    // The resource's own region still wins over the stack's.
    const pinned = await sgn.host.check(u, inputs, { ...given, region: "KR", [providerKey]: await sgn.provider(SEARCH) });
    expect((await sgn.host.diff(id, u, properties, pinned.inputs)).changes).toBe("DIFF_NONE");
  });

  test("state written before the site was recorded is not replaced for it", async () => {
    const stack = kr!;
    const { properties: key } = await stack.createResource("subAccountAccessKey", "old-state-key", { subAccountId: SUB });
    const given = { serviceGroupInstanceNo: "1531843", accessKeyId: String(key.accessKey), secretKey: String(reveal(key.keySecret)) };
    const { id, properties, inputs } = await stack.createResource(SEARCH, "old-state", given);
    const { site: _site, ...oldState } = properties;
    expect((await stack.host.diff(id, stack.urn(SEARCH, "old-state"), oldState, inputs)).changes).toBe("DIFF_NONE");
  });
});
