import type { AccessKeySummary, ServerClock, ServerTimeRange } from "../../sdk";

/**
 * Which keys a create whose answer was lost may have made, judged by NCP's clock.
 *
 * A key can be ours only if NCP stamped its `createTime` while our POST was in flight. NCP gives
 * `createTime` in whole seconds ("2024-12-20T04:08:17Z",
 * https://api.ncloud-docs.com/docs/en/management-subaccount-createaccesskey), and we know NCP's
 * time only to about a second (serverClock.ts), so a window is a few seconds wide: a key another
 * writer made in those seconds is indistinguishable from ours. Hence the rule in `attribute`.
 */
export interface LostCreate {
  /** Local time (the client's clock) just before the POST was sent. */
  sentAt: number;
  /** Local time after which NCP can no longer commit it: the lost answer, or one timeout later after a timeout. */
  until: number;
  /** Our deadline cut the POST off: NCP may still be running it. */
  timedOut: boolean;
}

export interface Attribution {
  /** Keys stamped inside some lost create's window, not known to be someone's. */
  candidates: AccessKeySummary[];
  /** The windows in NCP time, one per lost create; undefined when NCP's time is unknown. */
  windows: Array<ServerTimeRange | undefined>;
  /** True when the candidates are certainly ours: no more of them than creates lost, all attributable. */
  ours: boolean;
}

/** The real instants a `createTime` stands for, [from, to): a whole second unless it has a fraction. */
export function createTimeSpan(createTime: string): ServerTimeRange | undefined {
  const ms = Date.parse(createTime);
  if (Number.isNaN(ms)) return undefined;
  const digits = /T[0-9:]+\.([0-9]+)/.exec(createTime)?.[1].length ?? 0;
  return { from: ms, to: ms + 10 ** (3 - Math.min(digits, 3)) };
}

function overlaps(span: ServerTimeRange, window: ServerTimeRange): boolean {
  return span.from <= window.to && span.to > window.from;
}

/**
 * The keys that may be ours. `known` are keys someone is known to hold (the key a retry just
 * created, keys this process created for other resources). The candidates are ours only when
 * there are no more of them than lost creates and every window is known: otherwise another
 * writer (another stack, a pipeline, a person in the console) made some of them, and which is
 * which cannot be told.
 */
export function attribute(keys: readonly AccessKeySummary[], lost: readonly LostCreate[], clock: ServerClock, known: ReadonlySet<string>): Attribution {
  const windows = lost.map((l) => clock.range(l.sentAt, l.until));
  let attributable = windows.every((w) => w !== undefined);
  const candidates = keys.filter((key) => {
    if (known.has(key.accessKey)) return false;
    const span = createTimeSpan(key.createTime);
    if (!span) {
      attributable = false;
      return true;
    }
    // With NCP's time unknown, every key could be from the window: none can be ruled out.
    return windows.some((w) => w === undefined || overlaps(span, w));
  });
  return { candidates, windows, ours: attributable && candidates.length <= lost.length };
}

/** The lost creates still unexplained once `removed` keys were found: each found key explains one window holding it. */
export function unexplained(lost: readonly LostCreate[], windows: ReadonlyArray<ServerTimeRange | undefined>, removed: readonly AccessKeySummary[]): LostCreate[] {
  const open = lost.map((l, i) => ({ l, w: windows[i] }));
  for (const key of removed) {
    const span = createTimeSpan(key.createTime);
    const at = open.findIndex(({ w }) => w !== undefined && span !== undefined && overlaps(span, w));
    if (at >= 0) open.splice(at, 1);
  }
  // An answered POST (not cut off by our deadline) is over at NCP: it will not commit later.
  return open.filter(({ l }) => l.timedOut).map(({ l }) => l);
}

/** "2026-11-30T10:00:01Z to 10:00:04Z" in NCP time, for messages. */
export function describeWindows(windows: ReadonlyArray<ServerTimeRange | undefined>): string {
  const known = windows.filter((w): w is ServerTimeRange => w !== undefined);
  if (known.length < windows.length || known.length === 0) return "an unknown time (NCP's answers carried no Date header)";
  const from = Math.min(...known.map((w) => w.from));
  const to = Math.max(...known.map((w) => w.to));
  return `${iso(Math.floor(from / 1000) * 1000)} to ${iso(Math.ceil(to / 1000) * 1000)} (NCP time)`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(".000Z", "Z");
}
