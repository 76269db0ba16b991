import { NcloudClient, type NcloudClientOptions } from "../../sdk";
import { diff, type SubAccountAccessKeyOutputs } from "../../provider/handlers/subAccountAccessKey";
import { ageDays, isDue, rotatesAt, rotationNow, TEST_CLOCK_VARIABLE } from "../../provider/handlers/rotation";
import { unknown } from "../host/providerHost";

const DAY = 86_400_000;
const CREATED = "2026-01-01T00:00:00Z";
const T = Date.parse(CREATED);
const SUB = "4e066e50-9c3a-11e7-8a66-1e5021fa7c80";

const olds = (extra: Partial<SubAccountAccessKeyOutputs> = {}): SubAccountAccessKeyOutputs => ({
  subAccountId: SUB,
  active: true,
  accessKey: "KEY",
  keySecret: "secret",
  createTime: CREATED,
  ...extra,
});

describe("the rotation rule beside SubAccountAccessKey's diff", () => {
  test.each([
    // [what, olds' rotationDays, news' rotationDays, now, changes, replaces]
    ["no rotationDays: never due", undefined, undefined, T + 1000 * DAY, false, []],
    ["a day before it is due: nothing", 90, 90, T + 89 * DAY, false, []],
    ["the moment it is due: replace", 90, 90, T + 90 * DAY, true, ["rotatesAt"]],
    ["long overdue: replace", 90, 90, T + 400 * DAY, true, ["rotatesAt"]],
    ["rotationDays set on a key not due: update in place", undefined, 90, T + 10 * DAY, true, []],
    ["rotationDays lowered to a due age: replace", 90, 30, T + 40 * DAY, true, ["rotatesAt"]],
    ["rotationDays raised on a due key: update in place", 30, 90, T + 40 * DAY, true, []],
    ["rotationDays removed: update in place", 30, undefined, T + 40 * DAY, true, []],
  ])("%s", (_what, oldDays, newDays, now, changes, replaces) => {
    const result = diff("KEY", olds({ rotationDays: oldDays }), { subAccountId: SUB, active: true, rotationDays: newDays }, now);
    expect(result).toMatchObject({ changes, replaces });
  });

  test("with keepers: both can replace, each named", () => {
    const result = diff("KEY", olds({ rotationDays: 1, keepers: { r: "a" } }), { subAccountId: SUB, active: true, rotationDays: 1, keepers: { r: "b" } }, T + 2 * DAY);
    expect(result.replaces).toEqual(["keepers", "rotatesAt"]);
  });

  test("unknown during preview: shown as the replacement it may cause", () => {
    const news = { subAccountId: SUB, active: true, rotationDays: unknown as unknown as number };
    expect(diff("KEY", olds({ rotationDays: 90 }), news, T).replaces).toEqual(["rotatesAt"]);
  });

  test("rotatesAt, isDue and ageDays", () => {
    expect(rotatesAt(CREATED, 90)).toBe("2026-04-01T00:00:00.000Z");
    expect(rotatesAt(CREATED, undefined)).toBeUndefined();
    expect(isDue(CREATED, 90, T + 90 * DAY - 1)).toBe(false);
    expect(ageDays(CREATED, T + 3 * DAY - 1)).toBe(2);
    expect(ageDays(CREATED, T - DAY)).toBe(0);
  });
});

describe("the test-only rotation clock", () => {
  const injected = { [TEST_CLOCK_VARIABLE]: "2030-01-01T00:00:00Z" };
  const clients: NcloudClient[] = [];
  /** A client as the provider builds it from stack config; nothing is sent. */
  const client = (options: NcloudClientOptions): NcloudClient => {
    const made = new NcloudClient({ accessKey: "AK", secretKey: "SK", env: {}, ...options });
    clients.push(made);
    return made;
  };
  afterAll(() => Promise.all(clients.map((c) => c.close())));

  test("is honoured against the emulator on loopback", () => {
    expect(rotationNow(client({ endpoint: "http://127.0.0.1:8080" }), injected)).toBe(Date.parse("2030-01-01T00:00:00Z"));
    expect(rotationNow(client({ endpoint: "http://localhost:8080" }), injected)).toBe(Date.parse("2030-01-01T00:00:00Z"));
  });
  test.each([
    ["NCP itself", {}],
    ["NCP's host as the endpoint", { endpoint: "https://subaccount.apigw.ntruss.com" }],
    ["a host that only starts like loopback", { endpoint: "http://127.0.0.1.example.com" }],
    // ncloud:endpoints wins over ncloud:apiUrl: keys on NCP would rotate early, or a real service
    // group would be handed an emulator's key.
    ["a loopback apiUrl with Sub Account overridden to NCP", { endpoint: "http://127.0.0.1:8080", endpoints: { subAccount: "https://subaccount.apigw.ntruss.com" } }],
    ["a loopback apiUrl with Search Engine overridden to NCP", { endpoint: "http://127.0.0.1:8080", endpoints: { searchEngine: "https://vpcsearchengine.apigw.ntruss.com" } }],
  ] as const)("is ignored against %s", (_name, options: NcloudClientOptions) => {
    // The real clock, not the injected one: no later than the clock read after the call, and not
    // the injected instant (compared by value, not "before 2030", so the test does not expire).
    const before = Date.now();
    const now = rotationNow(client(options), injected);
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
    expect(now).not.toBe(Date.parse("2030-01-01T00:00:00Z"));
  });
  test("is honoured when every service is overridden to loopback", () => {
    const endpoints = { subAccount: "http://127.0.0.1:1", sts: "http://127.0.0.1:2", nsml: "http://[::1]:3", searchEngine: "http://localhost:4" };
    expect(rotationNow(client({ endpoints }), injected)).toBe(Date.parse("2030-01-01T00:00:00Z"));
  });
  test("a value that does not parse is ignored", () => {
    const before = Date.now();
    const now = rotationNow(client({ endpoint: "http://127.0.0.1:1" }), { [TEST_CLOCK_VARIABLE]: "tomorrow" });
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
