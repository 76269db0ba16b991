import { ServerClock } from "../../sdk/call/serverClock";
import {
  createTimeOffset,
  createTimeSpan,
  DATE_TOLERANCE_MS,
  earliestCreateTime,
  provenOurs,
  settledBy,
  sortKeys,
  type LostCreate,
} from "../../provider/handlers/lostCreates";
import { describeKeys, lostCreateReport, type Findings } from "../../provider/handlers/orphanReport";

/** A clock whose last answer said NCP's time is `skewMs` ahead, observed at local `at` with a round trip of `rttMs`. */
function clockAhead(skewMs: number, at: number, rttMs = 10): ServerClock {
  const clock = new ServerClock(() => at);
  clock.observe(new Date(at + skewMs).toUTCString(), at - rttMs, at);
  return clock;
}

const key = (accessKey: string, createTime: string, active = true) => ({ accessKey, active, createTime });
const T0 = Date.parse("2026-11-30T10:00:00.000Z");
const lost = (fields: Partial<LostCreate> = {}): LostCreate => ({ attempt: 1, sentAt: T0 + 2000, lostAt: T0 + 2300, committed: false, what: "was answered 502", ...fields });

describe("createTimeSpan: the instants a createTime stands for", () => {
  test.each([
    ["2024-12-20T04:08:17Z", 1000],
    ["2024-12-20T04:08:17.5Z", 100],
    ["2024-12-20T04:08:17.250Z", 1],
  ])("%s spans %i ms", (createTime, width) => {
    const span = createTimeSpan(createTime)!;
    expect(span.to - span.from).toBe(width);
  });
  test("an unreadable createTime has no span", () => expect(createTimeSpan("yesterday")).toBeUndefined());
});

describe("earliestCreateTime: where keys a lost request made can start, by NCP's clock", () => {
  test("from the gateway's Date alone: the sending time in NCP time, less the tolerance for the backend's clock", () => {
    const clock = clockAhead(4 * 60_000, T0 + 5000);
    const since = earliestCreateTime(T0 + 2000, clock, undefined)!;
    expect(since).toBe(clock.range(T0 + 2000, T0 + 2000)!.from - DATE_TOLERANCE_MS);
  });

  test("a key this process created reads the backend's clock directly; the earlier estimate wins", () => {
    // The gateway's Date says NCP is 3 s ahead; the backend stamped a key created at local T0..T0+50 with T0.
    const clock = clockAhead(3000 + DATE_TOLERANCE_MS, T0 + 5000);
    const offset = createTimeOffset(T0, T0 + 50, new Date(T0).toISOString())!;
    expect(offset).toBe(-50);
    expect(earliestCreateTime(T0 + 2000, clock, offset)).toBe(T0 + 2000 - 50);
  });

  test("with NCP's time unknown (no Date seen, no key created), nothing can be called older", () => {
    expect(earliestCreateTime(T0, new ServerClock(() => T0), undefined)).toBeUndefined();
    const { appeared, older } = sortKeys([key("OLD", "2020-01-01T00:00:00Z")], undefined, new Set());
    expect({ appeared: appeared.length, older: older.length }).toEqual({ appeared: 1, older: 0 });
  });
});

describe("sortKeys: keys nobody is known to hold, newer or older than the first lost request", () => {
  test("held keys are left out; a key stamped in the second of `since` counts as appeared", () => {
    const since = Date.parse("2026-11-30T10:00:02.400Z");
    const keys = [key("HELD", "2026-11-30T10:00:03Z"), key("EARLIER", "2026-11-30T10:00:01Z"), key("SAME-SECOND", "2026-11-30T10:00:02Z"), key("LATER", "2026-11-30T10:00:09Z")];
    const sorted = sortKeys(keys, since, new Set(["HELD"]));
    expect(sorted.appeared.map((k) => k.accessKey)).toEqual(["SAME-SECOND", "LATER"]);
    expect(sorted.older.map((k) => k.accessKey)).toEqual(["EARLIER"]);
  });

  test("a key with an unreadable createTime cannot be called older", () => {
    expect(sortKeys([key("ODD", "yesterday")], T0, new Set()).appeared).toHaveLength(1);
  });
});

describe("provenOurs: a count, never a window", () => {
  const unknown = [key("A", "2026-11-30T10:00:02Z")];
  test("one lost request answered 2xx and one unknown key: it is that request's", () => {
    expect(provenOurs([lost({ committed: true })], unknown)).toBe(true);
  });
  test("one more unknown key (another writer) than requests answered 2xx: no proof", () => {
    expect(provenOurs([lost({ committed: true })], [...unknown, key("B", "2026-11-30T10:00:02Z")])).toBe(false);
  });
  test("a request whose outcome is unknown (timeout, 5xx, reset) proves nothing, whatever the count", () => {
    expect(provenOurs([lost({ committed: false })], unknown)).toBe(false);
    expect(provenOurs([lost({ committed: true }), lost({ attempt: 2, committed: false })], [...unknown, key("B", "x")])).toBe(false);
  });
  test("no lost request left to explain: nothing is ours", () => expect(provenOurs([], unknown)).toBe(false));
});

test("settledBy: one more timeout after each lost answer not known to be over", () => {
  expect(settledBy([lost({ lostAt: T0 }), lost({ lostAt: T0 + 700 }), lost({ lostAt: T0 + 9000, committed: true })], 1000)).toBe(T0 + 1700);
  expect(settledBy([lost({ committed: true })], 1000)).toBe(0);
});

describe("lostCreateReport: every key left is named with its createTime, and the fix", () => {
  const context = { subAccountId: "SUB", exclusive: false, lost: [lost(), lost({ attempt: 2, what: "got no answer within 30000 ms" })], deleted: [] };
  const findings = (fields: Partial<Findings>): Findings => ({ keys: [], appeared: [], older: [], undeleted: [], since: T0, lookedAt: T0 + 9000, ...fields });

  test("keys that appeared are named, not deleted, with the way to exclusive mode", () => {
    const appeared = [key("NEW1", "2026-11-30T10:00:02Z"), key("NEW2", "2026-11-30T10:00:04Z", false)];
    const text = lostCreateReport(context, findings({ appeared, older: [key("OLD", "2026-11-30T09:00:00Z")] }));
    expect(text).toContain("2 create requests for sub account SUB lost their answer (attempt 1 was answered 502; attempt 2 got no answer within 30000 ms)");
    expect(text).toContain(`Left behind, not deleted: ${describeKeys(appeared)}`);
    expect(text).toContain("NEW2 (created 2026-11-30T10:00:04Z, inactive)");
    expect(text).toMatch(/Older keys this run did not create: OLD \(created 2026-11-30T09:00:00Z\);.*leave them/);
    expect(text).toMatch(/Fix: compare those keys with the accessKey of every stack .* set exclusive: true/);
  });

  test("deleted keys say on what ground; a failed delete names the live key", () => {
    const gone = key("GONE", "2026-11-30T10:00:02Z");
    const stuck = key("STUCK", "2026-11-30T10:00:03Z");
    const text = lostCreateReport(
      { ...context, exclusive: true, deleted: [{ key: gone, ground: "exclusive" }] },
      findings({ undeleted: [{ key: stuck, error: "subAccount.deleteAccessKey failed (503)." }] }),
    );
    expect(text).toContain("Deleted GONE (created 2026-11-30T10:00:02Z): exclusive: true says this stack alone creates keys");
    expect(text).toContain("Deleting STUCK (created 2026-11-30T10:00:03Z) failed, so it is still live");
    expect(text).not.toContain("set exclusive: true");
  });

  test("nothing left: said so, with what a later commit would look like", () => {
    const text = lostCreateReport(context, findings({}));
    expect(text).toContain("No key of the lost requests is left.");
    expect(lostCreateReport(context, findings({}))).not.toContain("Fix:");
    expect(lostCreateReport({ ...context, waitedMs: 1500 }, findings({}))).toContain("NCP had 1500 ms more after the last lost answer");
  });

  test("text from NCP that is not an id or a time is quoted, so it cannot forge a line", () => {
    expect(describeKeys([key("EVIL\n::error::x", "2026\u001b[2J")])).toBe(`${JSON.stringify("EVIL\n::error::x")} (created ${JSON.stringify("2026\u001b[2J")})`);
  });
});
