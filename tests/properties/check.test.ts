import fc from "fast-check";
import type * as pulumi from "@pulumi/pulumi";
import { UNKNOWN } from "../../provider/handlers/kinds";
import * as nsmlAuthKeys from "../../provider/handlers/nsmlAuthKeys";
import * as searchSnapshotAuthKey from "../../provider/handlers/searchSnapshotAuthKey";
import * as stsCredentials from "../../provider/handlers/stsCredentials";
import * as subAccountAccessKey from "../../provider/handlers/subAccountAccessKey";
import { SENTINEL_API_KEY, SENTINEL_SECRET_KEY, anyInput, leakedSentinels } from "./arbitraries";

/**
 * check() of every resource against arbitrary inputs. The oracle below is written from the
 * resources' documented arguments, not from provider/handlers/schemas.ts, so a schema that drifts
 * from the docs fails here.
 */
interface Field {
  /** A value the docs say is good. */
  good: fc.Arbitrary<unknown>;
  /** The oracle: is this value acceptable? `undefined` means the argument was left out. */
  accepts(value: unknown): boolean;
  required?: boolean;
}

interface Resource {
  check(olds: unknown, news: Record<string, unknown>): pulumi.dynamic.CheckResult;
  fields: Record<string, Field>;
  /** Defaults check() fills in for arguments left out. */
  defaults: Record<string, unknown>;
  /** Arguments good on their own that the docs rule out together with others (checked once each is good). */
  refusedTogether?(news: Record<string, unknown>): string[];
}

const optional = (accepts: (v: unknown) => boolean) => (v: unknown) => v === undefined || accepts(v);
const nonEmptyString = (v: unknown) => typeof v === "string" && v.length > 0;
/** The SDK trims these before checking for empty, so blank is as bad as empty. */
const nonBlankString = (v: unknown) => typeof v === "string" && v.trim().length > 0;
const idChars = /^[A-Za-z0-9._~-]+$/;
const plainObject = (v: unknown): v is object =>
  typeof v === "object" && v !== null && [Object.prototype, null].includes(Object.getPrototypeOf(v));

const resources: Record<string, Resource> = {
  subAccountAccessKey: {
    check: subAccountAccessKey.check,
    fields: {
      subAccountId: {
        good: fc.stringMatching(/^[A-Za-z0-9-]{1,36}$/),
        // "." and ".." are made of id characters but would name another path segment.
        accepts: (v) => typeof v === "string" && idChars.test(v) && v !== "." && v !== "..",
        required: true,
      },
      active: { good: fc.boolean(), accepts: optional((v) => typeof v === "boolean") },
      keepers: {
        good: fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
        accepts: optional(
          (v) => plainObject(v) && Object.values(v).every((x) => typeof x === "string"),
        ),
      },
    },
    defaults: { active: true },
  },
  searchSnapshotAuthKey: {
    check: searchSnapshotAuthKey.check,
    fields: {
      serviceGroupInstanceNo: {
        good: fc.oneof(fc.nat().map(String), fc.nat()),
        accepts: (v) => (typeof v === "string" || typeof v === "number") && /^[0-9]+$/.test(String(v)),
        required: true,
      },
      accessKeyId: { good: fc.stringMatching(/^[A-Za-z0-9]{1,20}$/), accepts: nonBlankString, required: true },
      secretKey: { good: fc.constant(SENTINEL_SECRET_KEY), accepts: nonBlankString, required: true },
      // A region the site offers Search Engine in: with no configure, the public site (KR, SGN, JPN).
      region: {
        good: fc.constantFrom("KR", "SGN", "JPN"),
        accepts: optional((v) => typeof v === "string" && ["KR", "SGN", "JPN"].includes(v.trim().toUpperCase())),
      },
      verify: { good: fc.boolean(), accepts: optional((v) => typeof v === "boolean") },
    },
    defaults: { verify: true },
  },
  stsCredentials: {
    check: stsCredentials.check,
    fields: {
      durationSec: {
        good: fc.integer({ min: 600, max: 43200 }),
        accepts: optional((v) => Number.isSafeInteger(v) && (v as number) >= 600 && (v as number) <= 43200),
      },
      serialNumber: { good: fc.string({ minLength: 1, maxLength: 20 }).filter(nonBlankString), accepts: optional(nonBlankString) },
      tokenCode: {
        good: fc.oneof(fc.integer({ min: 0, max: 999999 }), fc.stringMatching(/^[0-9]{6}$/)),
        accepts: optional((v) => (Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= 999999) || (typeof v === "string" && /^[0-9]{6}$/.test(v))),
      },
      renewBefore: { good: fc.nat({ max: 43200 }), accepts: optional((v) => Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= 43200) },
    },
    defaults: { renewBefore: 600 },
    // renewBefore below the lifetime of temporary credentials (NCP's default 3600 s), when both are known.
    refusedTogether: ({ durationSec, serialNumber, tokenCode, renewBefore = 600 }) => {
      if (durationSec === undefined && serialNumber === undefined && tokenCode === undefined) return [];
      const lifetime = durationSec ?? 3600;
      return typeof lifetime === "number" && typeof renewBefore === "number" && renewBefore >= lifetime ? ["renewBefore"] : [];
    },
  },
  nsmlAuthKeys: {
    check: nsmlAuthKeys.check,
    fields: {
      apiKey: { good: fc.constant(SENTINEL_API_KEY), accepts: optional(nonEmptyString) },
      // NCP's title rule: letters, digits and -, a letter first, no --.
      title: {
        good: fc.stringMatching(/^[A-Za-z](?:-?[A-Za-z0-9]){0,19}$/),
        accepts: optional((v) => typeof v === "string" && /^[A-Za-z][A-Za-z0-9-]*$/.test(v) && !v.includes("--")),
      },
    },
    defaults: {},
  },
};

/** Each argument: left out, good, anything at all, or unknown (preview). */
function inputsFor(resource: Resource): fc.Arbitrary<Record<string, unknown>> {
  const shape = Object.fromEntries(
    Object.entries(resource.fields).map(([name, field]) => [
      name,
      fc.oneof({ arbitrary: field.good, weight: 3 }, { arbitrary: anyInput, weight: 2 }, { arbitrary: fc.constant(UNKNOWN), weight: 1 }),
    ]),
  );
  const extras = fc.dictionary(fc.string({ maxLength: 10 }), anyInput, { maxKeys: 2 });
  return fc
    .tuple(fc.record(shape, { requiredKeys: [] }), extras)
    .map(([known, extra]) => ({ ...Object.fromEntries(Object.entries(extra).filter(([k]) => !(k in resource.fields))), ...known }));
}

describe.each(Object.entries(resources))("%s check()", (_kind, resource) => {
  const names = Object.keys(resource.fields);

  test("never throws, and fails exactly the arguments the docs rule out, each by name", () => {
    fc.assert(
      fc.property(inputsFor(resource), (news) => {
        let result: pulumi.dynamic.CheckResult;
        expect(() => (result = resource.check({}, news))).not.toThrow();
        const failures = result!.failures ?? [];
        const failed = new Set(failures.map((f) => f.property.split(".")[0]));
        const alone = names.filter((name) => news[name] !== UNKNOWN && !resource.fields[name].accepts(news[name]));
        const bad = alone.length > 0 ? alone : (resource.refusedTogether?.(news) ?? []);
        expect([...failed].sort()).toEqual(bad.sort());
        for (const failure of failures) {
          // The engine shows only property and reason: the reason must say which argument it is about.
          expect(failure.reason).toContain(failure.property.split(".")[0]);
        }
      }),
      { numRuns: 400 },
    );
  });

  test("never puts a secret in a failure", () => {
    const secretsEverywhere = fc.record(
      Object.fromEntries(names.map((name) => [name, fc.constantFrom(SENTINEL_SECRET_KEY, SENTINEL_API_KEY, [SENTINEL_SECRET_KEY], { x: SENTINEL_API_KEY })])),
    );
    fc.assert(
      fc.property(fc.oneof(inputsFor(resource), secretsEverywhere), (news) => {
        const result = resource.check({}, news as Record<string, unknown>);
        expect(leakedSentinels(JSON.stringify(result.failures ?? []))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  test("good inputs pass unchanged, with the documented defaults filled in", () => {
    const good = fc.record(Object.fromEntries(Object.entries(resource.fields).map(([n, f]) => [n, f.good])), {
      requiredKeys: names.filter((n) => resource.fields[n].required),
    });
    fc.assert(
      fc.property(good, (news) => {
        fc.pre((resource.refusedTogether?.(news) ?? []).length === 0);
        const result = resource.check({}, news);
        expect(result.failures ?? []).toEqual([]);
        for (const [name, value] of Object.entries(news)) {
          if (name === "serviceGroupInstanceNo") expect(result.inputs[name]).toBe(String(value));
          else if (name === "tokenCode") expect(result.inputs[name]).toBe(Number(value));
          else expect(result.inputs[name]).toEqual(value);
        }
        for (const [name, value] of Object.entries(resource.defaults)) {
          if (!(name in news)) expect(result.inputs[name]).toBe(value);
        }
      }),
      { numRuns: 200 },
    );
  });
});
