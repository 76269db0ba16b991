import * as nsml from "../../provider/handlers/nsmlAuthKeys";
import * as search from "../../provider/handlers/searchSnapshotAuthKey";
import * as sts from "../../provider/handlers/stsCredentials";
import * as subAccount from "../../provider/handlers/subAccountAccessKey";
import { UNKNOWN } from "../../provider/handlers/kinds";

const SUB = "4e066e50-9c3a-11e7-8a66-1e5021fa7c80";

describe("check names the bad property and the fix", () => {
  test.each([
    ["empty subAccountId", subAccount.check, { subAccountId: "" }, "subAccountId", /set it to the Sub Account's id/],
    ["path-unsafe subAccountId", subAccount.check, { subAccountId: "a/../b" }, "subAccountId", /letters, digits/],
    ["keepers that are not strings", subAccount.check, { subAccountId: SUB, keepers: { rotation: 202611 } }, "keepers.rotation", /must be a string/],
    ["active that is not a boolean", subAccount.check, { subAccountId: SUB, active: "yes" }, "active", /true or false/],
    ["exclusive that is not a boolean", subAccount.check, { subAccountId: SUB, exclusive: "yes" }, "exclusive", /true or false: true only when this stack alone creates access keys on this sub account/],
    ["non-numeric serviceGroupInstanceNo", search.check, { serviceGroupInstanceNo: "sg-1", accessKeyId: "a", secretKey: "s" }, "serviceGroupInstanceNo", /digits only/],
    ["malformed region", search.check, { serviceGroupInstanceNo: "1", accessKeyId: "a", secretKey: "s", region: "k r" }, "region", /region code such as KR, SGN, JPN, KRS or FKR/],
    ["empty secretKey", search.check, { serviceGroupInstanceNo: "1", accessKeyId: "a", secretKey: "" }, "secretKey", /secret key of accessKeyId/],
    ["durationSec below range", sts.check, { durationSec: 599 }, "durationSec", /at least 600/],
    ["durationSec above range", sts.check, { durationSec: 43201 }, "durationSec", /at most 43200/],
    ["empty NSML title", nsml.check, { title: "" }, "title", /omit it/],
    ["NSML title with _", nsml.check, { title: "my_key" }, "title", /letters, digits and -, starting with a letter/],
    ["NSML title with --", nsml.check, { title: "my--key" }, "title", /cannot contain --/],
  ])("%s", (_name, check, news, property, reason) => {
    const result = check({}, news as Record<string, unknown>);
    const failure = result.failures?.find((f) => f.property === property);
    expect(failure).toBeDefined();
    expect(failure!.reason).toMatch(reason);
  });

  test("good input passes with defaults applied", () => {
    expect(subAccount.check({}, { subAccountId: SUB }).inputs).toMatchObject({ subAccountId: SUB, active: true });
    expect(search.check({}, { serviceGroupInstanceNo: 1531843, accessKeyId: "a", secretKey: "s" }).inputs).toMatchObject({
      serviceGroupInstanceNo: "1531843",
      verify: true,
    });
    expect(sts.check({}, {}).inputs).toMatchObject({ renewBefore: 600 });
  });

  test("values unknown during preview pass through check", () => {
    const result = subAccount.check({}, { subAccountId: UNKNOWN, keepers: { rotation: UNKNOWN } });
    expect(result.failures).toBeUndefined();
    expect(search.check({}, { serviceGroupInstanceNo: "1", accessKeyId: UNKNOWN, secretKey: UNKNOWN }).failures).toBeUndefined();
  });

  test("an unknown value does not hide a known bad one", () => {
    const result = subAccount.check({}, { subAccountId: "", keepers: UNKNOWN });
    expect(result.failures?.map((f) => f.property)).toEqual(["subAccountId"]);
  });
});

describe("SubAccountAccessKey diff", () => {
  const olds = { subAccountId: SUB, active: true, keepers: { rotation: "2026-11" }, accessKey: "ak", keySecret: "x", createTime: "t" };
  test.each([
    ["same inputs: no change", { subAccountId: SUB, active: true, keepers: { rotation: "2026-11" } }, false, []],
    ["keepers changed: replace", { subAccountId: SUB, active: true, keepers: { rotation: "2026-12" } }, true, ["keepers"]],
    ["keepers removed: replace", { subAccountId: SUB, active: true }, true, ["keepers"]],
    ["sub account changed: replace", { subAccountId: "other", active: true, keepers: { rotation: "2026-11" } }, true, ["subAccountId"]],
    ["active toggled: update in place", { subAccountId: SUB, active: false, keepers: { rotation: "2026-11" } }, true, []],
    ["exclusive set: update in place (nothing to send)", { subAccountId: SUB, active: true, keepers: { rotation: "2026-11" }, exclusive: true }, true, []],
    ["exclusive: false as good as unset: no change", { subAccountId: SUB, active: true, keepers: { rotation: "2026-11" }, exclusive: false }, false, []],
    ["unknown keepers during preview: replace", { subAccountId: SUB, active: true, keepers: { rotation: UNKNOWN } }, true, ["keepers"]],
  ])("%s", (_name, news, changes, replaces) => {
    const result = subAccount.diff("ak", olds, news);
    expect(result.changes).toBe(changes);
    expect(result.replaces).toEqual(replaces);
  });
});

describe("SearchSnapshotAuthKey diff", () => {
  const olds = { serviceGroupInstanceNo: "1531843", accessKeyId: "ak", secretKey: "s", region: "KR" as const, verify: true, requestId: "r", updatedAt: "u" };
  test.each([
    ["same inputs: no change", { serviceGroupInstanceNo: "1531843", accessKeyId: "ak", secretKey: "s", verify: true }, false, []],
    ["new key: update in place", { serviceGroupInstanceNo: "1531843", accessKeyId: "ak2", secretKey: "s2", verify: true }, true, []],
    ["new secret only: update in place", { serviceGroupInstanceNo: "1531843", accessKeyId: "ak", secretKey: "s2", verify: true }, true, []],
    ["other service group: replace", { serviceGroupInstanceNo: "1", accessKeyId: "ak", secretKey: "s", verify: true }, true, ["serviceGroupInstanceNo"]],
    ["other region: replace", { serviceGroupInstanceNo: "1531843", accessKeyId: "ak", secretKey: "s", region: "SGN" as const, verify: true }, true, ["region"]],
  ])("%s", (_name, news, changes, replaces) => {
    const result = search.diff("1531843", olds, news);
    expect(result.changes).toBe(changes);
    expect(result.replaces).toEqual(replaces);
  });
});

describe("StsCredentials diff renews credentials close to expiry", () => {
  const now = Date.parse("2026-11-22T12:00:00Z");
  const olds = { durationSec: 3600, renewBefore: 600, accessKey: "ak", keySecret: "s", createTime: "c", expireTime: "2026-11-22T13:00:00Z", useMfa: false };
  test.each([
    ["far from expiry: no change", olds.expireTime, {}, false, []],
    ["within renewBefore: replace", "2026-11-22T12:09:00Z", {}, true, ["expireTime"]],
    ["already expired: replace", "2026-11-22T11:00:00Z", {}, true, ["expireTime"]],
    ["new durationSec: replace", olds.expireTime, { durationSec: 7200 }, true, ["durationSec"]],
    ["new renewBefore only: update", olds.expireTime, { renewBefore: 900 }, true, []],
  ])("%s", (_name, expireTime, change, changes, replaces) => {
    const result = sts.diff("ak", { ...olds, expireTime }, { durationSec: 3600, renewBefore: 600, ...change }, now);
    expect(result.changes).toBe(changes);
    expect(result.replaces).toEqual(replaces);
  });

  test("the caller's own (permanent) credentials never expire", () => {
    const { expireTime: _e, durationSec: _d, ...permanent } = olds;
    expect(sts.diff("ak", permanent, { renewBefore: 600 }, now)).toEqual({ changes: false, replaces: [] });
  });
});

test("NSML createTime becomes ISO 8601 (Korea Standard Time)", () => {
  expect(nsml.nsmlTimeToIso("2024-09-03 09:36:40")).toBe("2024-09-03T09:36:40+09:00");
});

describe("NsmlAuthKeys diff", () => {
  test.each([
    ["same inputs: no change", { title: "a" }, { changes: false, replaces: [] }],
    ["new title: replace (the title is in the id)", { title: "b" }, { changes: true, replaces: ["title"] }],
    ["new apiKey: re-read in place", { title: "a", apiKey: "k2" }, { changes: true, replaces: [] }],
  ])("%s", (_name, news, expected) => {
    expect(nsml.diff("nsml-auth-keys:a", { title: "a" }, news)).toEqual(expected);
  });
});

describe("SearchSnapshotAuthKey's region against the configured site, naming where it came from", () => {
  const key = { serviceGroupInstanceNo: "1531843", accessKeyId: "a", secretKey: "s" };
  const publicSite = { site: "public" as const, siteSource: "the default site" };
  const gov = { site: "gov" as const, siteSource: "ncloud:site" };
  const fromConfig = (region: string) => ({ ...publicSite, configured: { region, source: "ncloud:region" } });
  const fromEnv = (region: string) => ({ ...publicSite, configured: { region, source: "NCLOUD_REGION" } });

  test.each([
    ["resource region offered", { region: "sgn" }, publicSite, undefined],
    ["no region anywhere: the site's default", {}, gov, undefined],
    ["ncloud:region offered", {}, fromConfig("JPN"), undefined],
    ["the resource's region wins over a configured one the site lacks", { region: "KR" }, fromConfig("FKR"), undefined],
    ["resource region the site lacks", { region: "FKR" }, publicSite, /^region is "FKR", and Search Engine on the public site \(the default site\) is offered only in KR \(\/api\/v2\), SGN \(\/api\/sgn-v2\), JPN \(\/api\/jpn-v2\)\. Fix: set this resource's region to one of KR, SGN, JPN$/],
    ["resource region on gov", { region: "SGN" }, gov, /^region is "SGN", and Search Engine on the gov site \(ncloud:site\) is offered only in KR \(\/api\/v2\), KRS \(\/api\/krs-v2\)/],
    ["ncloud:region the site lacks", {}, fromConfig("FKR"), /^ncloud:region is "FKR".*Fix: set this resource's region to one of KR, SGN, JPN \(ncloud:region may be meant for other tools\), or change ncloud:region/],
    ["NCLOUD_REGION the site lacks", {}, fromEnv("USWN"), /^NCLOUD_REGION is "USWN".*or change NCLOUD_REGION/],
    ["a malformed ncloud:region", {}, fromConfig("k r"), /^ncloud:region is "k r"/],
  ])("%s", (_name, region, settings, reason) => {
    const failures = search.check({}, { ...key, ...region }, settings).failures ?? [];
    if (reason === undefined) expect(failures).toEqual([]);
    else expect(failures).toEqual([{ property: "region", reason: expect.stringMatching(reason) }]);
  });

  test("a region still unknown during preview is judged once known", () => {
    expect(search.check({}, { ...key, region: UNKNOWN }, publicSite).failures).toBeUndefined();
  });
});
