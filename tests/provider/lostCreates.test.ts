import { ServerClock } from "../../sdk/serverClock";
import { attribute, createTimeSpan, describeWindows, unexplained, type LostCreate } from "../../provider/handlers/lostCreates";

/** A clock whose last answer said NCP's time is `skewMs` ahead, observed at local `at` with a round trip of `rttMs`. */
function clockAhead(skewMs: number, at: number, rttMs = 10): ServerClock {
  const clock = new ServerClock(() => at);
  clock.observe(new Date(at + skewMs).toUTCString(), at - rttMs, at);
  return clock;
}

const key = (accessKey: string, createTime: string) => ({ accessKey, active: true, createTime });
const T0 = Date.parse("2026-11-30T10:00:00.000Z");

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

describe("attribute: which keys a lost create made, by NCP's clock", () => {
  const lost: LostCreate[] = [{ sentAt: T0 + 2000, until: T0 + 2300, timedOut: false }];

  test("a key stamped in the window is ours; one a minute earlier is not", () => {
    const clock = clockAhead(0, T0 + 5000);
    const keys = [key("EARLIER", "2026-11-30T09:59:00Z"), key("OURS", "2026-11-30T10:00:02Z")];
    const result = attribute(keys, lost, clock, new Set());
    expect(result.candidates.map((k) => k.accessKey)).toEqual(["OURS"]);
    expect(result.ours).toBe(true);
  });

  test("NCP's clock ahead of ours: the window moves with it", () => {
    const clock = clockAhead(4 * 60_000, T0 + 5000);
    const keys = [key("LOCAL-TIME", "2026-11-30T10:00:02Z"), key("NCP-TIME", "2026-11-30T10:04:02Z")];
    expect(attribute(keys, lost, clock, new Set()).candidates.map((k) => k.accessKey)).toEqual(["NCP-TIME"]);
  });

  test("two keys in the window for one lost create: not ours to delete", () => {
    const clock = clockAhead(0, T0 + 5000);
    const keys = [key("A", "2026-11-30T10:00:02Z"), key("B", "2026-11-30T10:00:02Z")];
    expect(attribute(keys, lost, clock, new Set())).toMatchObject({ ours: false });
  });

  test("a key someone is known to hold is never a candidate", () => {
    const clock = clockAhead(0, T0 + 5000);
    const keys = [key("SIBLING", "2026-11-30T10:00:02Z"), key("OURS", "2026-11-30T10:00:02Z")];
    const result = attribute(keys, lost, clock, new Set(["SIBLING"]));
    expect(result).toMatchObject({ ours: true, candidates: [keys[1]] });
  });

  test("with NCP's time unknown (no Date seen), nothing is attributable", () => {
    const clock = new ServerClock(() => T0);
    const result = attribute([key("ANY", "2026-11-30T10:00:02Z")], lost, clock, new Set());
    expect(result.ours).toBe(false);
    expect(describeWindows(result.windows)).toMatch(/unknown time/);
  });

  test("unexplained keeps only timed-out creates whose key was not found", () => {
    const clock = clockAhead(0, T0 + 5000);
    const two: LostCreate[] = [
      { sentAt: T0, until: T0 + 300, timedOut: true },
      { sentAt: T0 + 3000, until: T0 + 3300, timedOut: true },
      { sentAt: T0 + 6000, until: T0 + 6100, timedOut: false },
    ];
    const { windows } = attribute([], two, clock, new Set());
    expect(unexplained(two, windows, [key("FIRST", "2026-11-30T10:00:00Z")])).toEqual([two[1]]);
  });
});
