import fc from "fast-check";
import type { NcloudClient } from "../../sdk";
import { sshPublicKey } from "../sdk/helpers";
import { SENTINEL_KEY_ARGUMENT, anyInput } from "./arbitraries";

/**
 * Every public SDK method, with a generator of arguments (each one good or anything at all) and
 * an oracle written from docs/ncp-wire.md and the method's doc comments: which arguments are
 * certainly bad, and which request paths a call may produce.
 */
export interface SdkMethod {
  name: string;
  args: fc.Arbitrary<unknown[]>;
  /** Calls the method with arguments as a JavaScript caller could pass them (no types). */
  invoke(client: NcloudClient, args: unknown[]): Promise<unknown>;
  /** Names of the arguments the oracle finds certainly bad; empty when all look good. */
  bad(args: unknown[]): string[];
  /** Every request the call sends must have a path of this shape (no id escapes its segment). */
  path: RegExp;
}

export const SUB_ACCOUNT = "4e066e50-9c3a-11e7-8a66-1e5021fa7c80";
const SSH_KEY = sshPublicKey("props@test");

const idChars = /^[A-Za-z0-9._~-]+$/;
const goodId = (v: unknown) => typeof v === "string" && idChars.test(v) && v !== "." && v !== "..";
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
const field = (v: unknown, name: string): unknown => (isObject(v) ? v[name] : undefined);
const nonBlank = (v: unknown) => typeof v === "string" && v.trim() !== "";
const goodRegion = (v: unknown) => typeof v === "string" && ["KR", "SGN", "JPN"].includes(v.trim().toUpperCase());
const goodServiceGroup = (v: unknown) => (typeof v === "string" || typeof v === "number") && /^\d+$/.test(String(v));

/** Either a value the docs call good (weight 2) or anything at all (weight 1). */
const goodOrAny = <T>(good: fc.Arbitrary<T>) => fc.oneof({ arbitrary: good as fc.Arbitrary<unknown>, weight: 2 }, { arbitrary: anyInput, weight: 1 });

const id = goodOrAny(fc.oneof(fc.constant(SUB_ACCOUNT), fc.stringMatching(/^[A-Za-z0-9._~-]{1,20}$/)));
const accessKey = goodOrAny(fc.stringMatching(/^[A-Za-z0-9]{20}$/));
const region = fc.oneof(fc.constant(undefined), fc.constantFrom("KR", "sgn", " JPN "), anyInput);
const searchOptions = fc.oneof(fc.constant(undefined), region.map((r) => ({ region: r })), anyInput);
const serviceGroup = goodOrAny(fc.oneof(fc.constant("1531843"), fc.constant(1531843), fc.nat().map(String)));

const badIf = (...checks: [string, boolean][]) => checks.filter(([, bad]) => bad).map(([name]) => name);
const SUB_ACCOUNT_PATH = /^\/api\/v1\/sub-accounts\/[A-Za-z0-9._~-]+\/access-keys$/;
const SEARCH_PATH = /^\/api\/(v2|sgn-v2|jpn-v2)\/snapshot\/(updateAPIAuthenticationKey|getBucketList)\/\d+$/;

/** The region a Search Engine call asks for: undefined options or region means the client's. */
function searchRegionBad(options: unknown): boolean {
  const r = field(options, "region");
  // null, like undefined, leaves the client's region in force.
  return r !== undefined && r !== null && !goodRegion(r);
}

export const sdkMethods: SdkMethod[] = [
  {
    name: "subAccount.listAccessKeys",
    args: fc.tuple(id),
    invoke: (c, [a]) => c.subAccount.listAccessKeys(a as string),
    bad: ([a]) => badIf(["subAccountId", !goodId(a)]),
    path: SUB_ACCOUNT_PATH,
  },
  {
    name: "subAccount.createAccessKey",
    args: fc.tuple(id),
    invoke: (c, [a]) => c.subAccount.createAccessKey(a as string),
    bad: ([a]) => badIf(["subAccountId", !goodId(a)]),
    path: SUB_ACCOUNT_PATH,
  },
  {
    name: "subAccount.deleteAccessKey",
    args: fc.tuple(id, accessKey),
    invoke: (c, [a, k]) => c.subAccount.deleteAccessKey(a as string, k as string),
    bad: ([a, k]) => badIf(["subAccountId", !goodId(a)], ["accessKey", !goodId(k)]),
    path: SUB_ACCOUNT_PATH,
  },
  {
    name: "subAccount.setAccessKeyActive",
    args: fc.tuple(id, accessKey, goodOrAny(fc.boolean())),
    invoke: (c, [a, k, active]) => c.subAccount.setAccessKeyActive(a as string, k as string, active as boolean),
    bad: ([a, k, active]) => badIf(["subAccountId", !goodId(a)], ["accessKey", !goodId(k)], ["active", typeof active !== "boolean"]),
    path: SUB_ACCOUNT_PATH,
  },
  {
    name: "sts.getCredentials",
    args: fc.constant([]),
    invoke: (c) => c.sts.getCredentials(),
    bad: () => [],
    path: /^\/api\/v1\/credentials$/,
  },
  {
    name: "sts.createCredentials",
    args: fc.tuple(
      fc.oneof(
        fc.constant(undefined),
        fc.record(
          {
            durationSec: goodOrAny(fc.integer({ min: 600, max: 43200 })),
            serialNumber: goodOrAny(fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== "")),
            tokenCode: goodOrAny(fc.integer({ min: 0, max: 999999 })),
          },
          { requiredKeys: [] },
        ),
        anyInput,
      ),
    ),
    invoke: (c, [input]) => c.sts.createCredentials(input as object),
    bad: ([input]) => {
      const d = field(input, "durationSec");
      const s = field(input, "serialNumber");
      const t = field(input, "tokenCode");
      return badIf(
        ["durationSec", d !== undefined && !(Number.isInteger(d) && (d as number) >= 600 && (d as number) <= 43200)],
        ["serialNumber", s !== undefined && !nonBlank(s)],
        ["tokenCode", t !== undefined && !(Number.isInteger(t) && (t as number) >= 0 && (t as number) <= 999999)],
      );
    },
    path: /^\/api\/v1\/credentials$/,
  },
  {
    name: "nsml.listAuthKeys",
    args: fc.constant([]),
    invoke: (c) => c.nsml.listAuthKeys(),
    bad: () => [],
    path: /^\/nsml\/v1\/auth-keys$/,
  },
  {
    name: "nsml.createAuthKey",
    args: fc.tuple(
      fc.oneof(
        fc.record({ title: goodOrAny(fc.stringMatching(/^[A-Za-z](?:-?[A-Za-z0-9]){0,63}$/)), key: goodOrAny(fc.constant(SSH_KEY)) }, { requiredKeys: [] }),
        anyInput,
      ),
    ),
    invoke: (c, [input]) => c.nsml.createAuthKey(input as { title: string; key: string }),
    bad: ([input]) => {
      const t = field(input, "title");
      // NCP's title rule: letters, digits and -, a letter first, no --.
      return badIf(["title", !(typeof t === "string" && /^[A-Za-z][A-Za-z0-9-]*$/.test(t) && !t.includes("--"))], ["key", field(input, "key") !== SSH_KEY]);
    },
    path: /^\/nsml\/v1\/auth-keys$/,
  },
  {
    name: "nsml.deleteAuthKey",
    args: fc.tuple(goodOrAny(fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/)), accessKey),
    invoke: (c, [t, n]) => c.nsml.deleteAuthKey(t as string, n as string),
    // Any listed title can be deleted (even one from before the rules): only path safety.
    bad: ([t, n]) => badIf(["title", !goodId(t)], ["name", !goodId(n)]),
    path: /^\/nsml\/v1\/auth-keys\/title\/[A-Za-z0-9._~-]+\/name\/[A-Za-z0-9._~-]+$/,
  },
  {
    name: "searchEngine.updateApiAuthenticationKey",
    args: fc.tuple(
      serviceGroup,
      fc.oneof(
        fc.record(
          { accessKeyId: goodOrAny(fc.stringMatching(/^[A-Za-z0-9]{20}$/)), secretKey: goodOrAny(fc.constant(SENTINEL_KEY_ARGUMENT)) },
          { requiredKeys: [] },
        ),
        anyInput,
      ),
      searchOptions,
    ),
    invoke: (c, [no, key, options]) =>
      c.searchEngine.updateApiAuthenticationKey(no as string, key as { accessKeyId: string; secretKey: string }, options as object),
    bad: ([no, key, options]) =>
      badIf(
        ["serviceGroupInstanceNo", !goodServiceGroup(no)],
        ["accessKeyId", !nonBlank(field(key, "accessKeyId"))],
        ["secretKey", !nonBlank(field(key, "secretKey"))],
        ["region", searchRegionBad(options)],
      ),
    path: SEARCH_PATH,
  },
  {
    name: "searchEngine.getBucketList",
    args: fc.tuple(serviceGroup, searchOptions),
    invoke: (c, [no, options]) => c.searchEngine.getBucketList(no as string, options as object),
    bad: ([no, options]) => badIf(["serviceGroupInstanceNo", !goodServiceGroup(no)], ["region", searchRegionBad(options)]),
    path: SEARCH_PATH,
  },
];

/**
 * Inputs that once crashed the SDK with a TypeError instead of an NcloudError. sdkInput.test.ts
 * runs each through the same oracle as the properties, so they are tried on every run, not only
 * when the generator happens on them.
 */
export interface SdkRegression {
  method: string;
  name: string;
  example: unknown[];
}

export const sdkRegressions: SdkRegression[] = [
  { method: "sts.createCredentials", name: "createCredentials(null) means no input", example: [null] },
  {
    method: "sts.createCredentials",
    name: "a durationSec String() cannot print (null-prototype object) is refused by name",
    example: [{ durationSec: Object.create(null) }],
  },
  ...["searchEngine.updateApiAuthenticationKey", "searchEngine.getBucketList"].flatMap((method) => {
    const optionsAt = method.endsWith("getBucketList") ? 1 : 2;
    const key = { accessKeyId: "AK", secretKey: SENTINEL_KEY_ARGUMENT };
    const withOptions = (options: unknown) => (optionsAt === 1 ? ["1531843", options] : ["1531843", key, options]);
    return [
      { method, name: "options null leave the client's region in force", example: withOptions(null) },
      { method, name: "a region that is not a string is refused by name", example: withOptions({ region: 5 }) },
      { method, name: "a region object without a prototype is refused by name", example: withOptions({ region: Object.create(null) }) },
      {
        method,
        name: "a bigint serviceGroupInstanceNo is refused by name",
        example: optionsAt === 1 ? [1531843n] : [1531843n, key],
      },
    ];
  }),
];
