import { rows, type Mode, type Row } from "./rows";
import { type RowResult, runGroup } from "./runGroup";

/**
 * The matrix's rows of one mode as jest tests: the rows that share a `Date` offset run in one
 * `pulumi up` (beforeAll), then each row is judged on its own sub account:
 *  - its create succeeds, or fails with the row's message (after "sub account <its id>");
 *  - no foreign key is deleted;
 *  - every key left behind (NCP holds it, Pulumi's state does not, no one else made it), and every
 *    key another writer made during the up, is named in what the user saw;
 *  - without exclusive exactly the row's count is left (the fault struck); with exclusive none is,
 *    unless the cleanup itself fails; and what is deleted, the output says.
 */
export function matrixRows(mode: Mode): void {
  const mine = rows.filter((row) => row.modes.includes(mode));
  const offsets = [...new Set(mine.map((row) => row.dateOffsetMs ?? 0))];
  for (const offset of offsets) {
    const group = mine.filter((row) => (row.dateOffsetMs ?? 0) === offset);
    describe(offset === 0 ? "one up" : `one up, Date header ${offset / 1000} s ahead`, () => {
      let results: Map<Row, RowResult>;
      beforeAll(async () => {
        results = await runGroup(group, mode, offset);
      });
      test.each(group.map((row) => [row.name, row] as const))("%s", (_name, row) => judge(row, mode, results.get(row)!));
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
