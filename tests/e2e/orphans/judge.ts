import { rows, type Mode, type Row } from "./rows";
import { type Entry, type RowResult, runGroup } from "./runGroup";

const MODES: Record<Mode, string> = {
  default: "without exclusive: no foreign key deleted, every key left named",
  exclusive: "with exclusive: true: none left behind, no older key touched",
};

/**
 * The ups the matrix needs, by title: one per `Date` offset with both modes in it, and one per
 * mode for each row whose own key tells the provider process NCP's clock.
 */
function upsOf(entries: readonly Entry[]): Array<{ title: string; group: Entry[] }> {
  const ups = new Map<string, { title: string; group: Entry[] }>();
  for (const entry of entries) {
    const offset = entry.row.dateOffsetMs ?? 0;
    const shared = offset === 0 ? "one up" : `one up, Date header ${offset / 1000} s ahead`;
    const [key, title] = entry.row.clockFromOwnKey ? [`${shared} ${entry.row.name} ${entry.mode}`, `${shared}, ${entry.mode} mode, this row alone`] : [shared, shared];
    const up = ups.get(key) ?? { title, group: [] };
    up.group.push(entry);
    ups.set(key, up);
  }
  return [...ups.values()];
}

/**
 * The matrix as jest tests: the entries (a row in one of its modes) of each up run in one
 * `pulumi up` (beforeAll), then each entry is judged on its own sub account:
 *  - its create succeeds, or fails with the row's message (after "sub account <its id>");
 *  - no foreign key is deleted;
 *  - every key left behind (NCP holds it, Pulumi's state does not, no one else made it), and every
 *    key another writer made during the up, is named in what the user saw;
 *  - without exclusive exactly the row's count is left (the fault struck); with exclusive none is,
 *    unless the cleanup itself fails; and what is deleted, the output says.
 */
export function matrix(): void {
  const entries = rows.flatMap((row) => row.modes.map((mode): Entry => ({ row, mode })));
  for (const { title, group } of upsOf(entries)) {
    describe(title, () => {
      let results: Map<Entry, RowResult>;
      beforeAll(async () => {
        results = await runGroup(group, group[0].row.dateOffsetMs ?? 0);
      });
      for (const mode of Object.keys(MODES) as Mode[]) {
        const mine = group.filter((entry) => entry.mode === mode);
        if (mine.length === 0) continue;
        describe(MODES[mode], () => {
          test.each(mine.map((entry) => [entry.row.name, entry] as const))("%s", (_name, entry) => judge(entry.row, mode, results.get(entry)!));
        });
      }
    });
  }
}

function judge(row: Row, mode: Mode, result: RowResult): void {
  const sub = result.subAccountId;
  const context = `proxy saw on ${sub}: ${result.proxyLog.join(", ")}\nthe user saw:\n${result.seen}`;
  const expected = row.expect[mode];
  const failedHere = new RegExp(`(for sub account ${sub} failed|on sub account ${sub}, but)`);
  if (expected === "succeeds") {
    expect({ failed: failedHere.test(result.seen), held: result.held.length, context }).toEqual({ failed: false, held: 1, context });
  } else {
    expect(result.seen).toMatch(new RegExp(`sub account ${sub}[^\\n]*?${expected.source}`));
    expect({ held: result.held, context }).toEqual({ held: [], context });
  }
  expect({ foreignKeysLive: result.foreign.filter((k) => result.live.includes(k)) }).toEqual({ foreignKeysLive: result.foreign });
  const leftBehind = result.live.filter((k) => !result.foreign.includes(k) && !result.held.includes(k));
  const unnamed = [...leftBehind, ...result.madeDuringUp].filter((k) => !result.seen.includes(k));
  expect({ unnamed, context }).toEqual({ unnamed: [], context });
  const expectedLeft = mode === "exclusive" && !row.cleanupFails ? 0 : row.left;
  expect({ leftBehind: leftBehind.length, context }).toEqual({ leftBehind: expectedLeft, context });
  const deletedHere = (ground: string) => new RegExp(`sub account ${sub}[^\\n]*Deleted (\\S+ \\(created [^)]+\\)(, )?)+: ${ground}`);
  if (row.proven) expect(result.seen).toMatch(deletedHere("NCP answered 2xx to the lost request, so it made exactly one key"));
  else if (mode === "exclusive" && row.left > 0 && !row.cleanupFails) expect(result.seen).toMatch(deletedHere("exclusive: true says"));
}
