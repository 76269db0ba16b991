import type * as pulumi from "@pulumi/pulumi";
import { UNKNOWN } from "../../provider/handlers/kinds";
import * as nsml from "../../provider/handlers/nsmlAuthKeys";
import * as search from "../../provider/handlers/searchSnapshotAuthKey";
import * as sts from "../../provider/handlers/stsCredentials";
import * as subAccount from "../../provider/handlers/subAccountAccessKey";

/**
 * check() gives every known input its default and transform whether or not another input is
 * unknown (a preview): the diff compares its result with the normalized state, so a value left raw
 * beside an unknown one would show a change that `pulumi up`, where everything is known, does not make.
 */
const SUB = "4e066e50-9c3a-11e7-8a66-1e5021fa7c80";

interface Resource {
  check(olds: unknown, news: Record<string, unknown>): pulumi.dynamic.CheckResult;
  /** Good inputs as a user may write them. */
  given: Record<string, unknown>;
}

const resources: Record<string, Resource> = {
  subAccountAccessKey: { check: subAccount.check, given: { subAccountId: SUB, keepers: { rotation: "2026-07" }, rotationDays: 90 } },
  searchSnapshotAuthKey: { check: search.check, given: { serviceGroupInstanceNo: 2000001, accessKeyId: "ak", secretKey: "sk", region: " sgn " } },
  stsCredentials: { check: sts.check, given: { durationSec: 3600, serialNumber: "mfa-device-1", tokenCode: "012345" } },
  nsmlAuthKeys: { check: nsml.check, given: { apiKey: "api-key", title: "authkey" } },
};

/** [resource, input, what check makes of it]: every input of every resource, given or left out. */
const rows: Array<[string, string, unknown]> = [
  ["subAccountAccessKey", "subAccountId", SUB],
  ["subAccountAccessKey", "active", true], // left out: the default
  ["subAccountAccessKey", "keepers", { rotation: "2026-07" }],
  ["subAccountAccessKey", "rotationDays", 90],
  ["searchSnapshotAuthKey", "serviceGroupInstanceNo", "2000001"],
  ["searchSnapshotAuthKey", "accessKeyId", "ak"],
  ["searchSnapshotAuthKey", "secretKey", "sk"],
  ["searchSnapshotAuthKey", "region", "SGN"],
  ["searchSnapshotAuthKey", "verify", true], // left out: the default
  ["stsCredentials", "durationSec", 3600],
  ["stsCredentials", "serialNumber", "mfa-device-1"],
  ["stsCredentials", "tokenCode", 12345],
  ["stsCredentials", "renewBefore", 600], // left out: the default
  ["nsmlAuthKeys", "apiKey", "api-key"],
  ["nsmlAuthKeys", "title", "authkey"],
];

/** Each row once with every other input known, then once with each other input unknown beside it. */
const cases = rows.flatMap(([kind, input, expected]) => {
  const others = Object.keys(resources[kind].given).filter((name) => name !== input);
  return [
    [kind, input, "nothing", expected] as const,
    ...others.map((other) => [kind, input, other, expected] as const),
  ];
});

test.each(cases)("%s %s, unknown beside it: %s", (kind, input, unknownBeside, expected) => {
  const { check, given } = resources[kind];
  const news = unknownBeside === "nothing" ? given : { ...given, [unknownBeside]: UNKNOWN };
  const result = check({}, news);
  expect(result.failures ?? []).toEqual([]);
  expect(result.inputs[input]).toEqual(expected);
  if (unknownBeside !== "nothing") expect(result.inputs[unknownBeside]).toBe(UNKNOWN);
});

test("a value that is itself unknown stays the engine's marker: no transform runs on it", () => {
  expect(search.check({}, { ...resources.searchSnapshotAuthKey.given, region: UNKNOWN }).inputs.region).toBe(UNKNOWN);
  expect(sts.check({}, { tokenCode: UNKNOWN }).inputs.tokenCode).toBe(UNKNOWN);
  expect(subAccount.check({}, { subAccountId: SUB, keepers: { rotation: UNKNOWN } }).inputs.keepers).toEqual({ rotation: UNKNOWN });
});

describe("the preview's check and diff agree with up's on a rotation", () => {
  const stack = { site: "public" as const, region: "KR" };
  const state = { serviceGroupInstanceNo: "2000001", accessKeyId: "ak", secretKey: "sk", region: "SGN", site: "public" as const, verify: true, requestId: "r", updatedAt: "u" };
  test.each([
    ["up (the new key known)", { accessKeyId: "ak2", secretKey: "sk2" }],
    ["preview (the new key unknown)", { accessKeyId: UNKNOWN, secretKey: UNKNOWN }],
  ])("SearchSnapshotAuthKey region \" sgn \": %s updates in place", (_when, key) => {
    const checked = search.check({}, { ...resources.searchSnapshotAuthKey.given, ...key }).inputs as search.SearchSnapshotAuthKeyInputs;
    expect(search.diff("2000001", state, checked, stack)).toEqual({ changes: true, replaces: [] });
  });
});

describe("SearchSnapshotAuthKey diff sees the region and site the update would use", () => {
  const state = { serviceGroupInstanceNo: "1531843", accessKeyId: "ak", secretKey: "s", region: "KR", site: "public" as const, verify: true, requestId: "r", updatedAt: "u" };
  const news = { serviceGroupInstanceNo: "1531843", accessKeyId: "ak", secretKey: "s", verify: true };
  test.each([
    ["no region, ncloud:region unchanged: no change", news, { site: "public", region: "KR" }, false, []],
    ["no region, ncloud:region now SGN: replace", news, { site: "public", region: "SGN" }, true, ["region"]],
    ["region KR given, ncloud:region SGN: the resource's wins", { ...news, region: "KR" }, { site: "public", region: "SGN" }, false, []],
    ["region SGN given: replace", { ...news, region: "SGN" }, { site: "public", region: "KR" }, true, ["region"]],
    ["region unknown: replace (it may move)", { ...news, region: UNKNOWN }, { site: "public", region: "KR" }, true, ["region"]],
    ["ncloud:site now gov: replace", news, { site: "gov", region: "KR" }, true, ["site"]],
  ] as const)("%s", (_name, given, stack, changes, replaces) => {
    expect(search.diff("1531843", state, given, stack)).toEqual({ changes, replaces });
  });

  test("state from before the site was recorded: a site is not a change", () => {
    const { site: _s, ...old } = state;
    expect(search.diff("1531843", old, news, { site: "fin", region: "KR" })).toEqual({ changes: false, replaces: [] });
  });
});
