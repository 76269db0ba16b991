import { rows, type Mode } from "./rows";
import { runRow } from "./runRow";

/**
 * The matrix's rows of one mode as jest tests. Each row asserts: the up succeeds or fails as the
 * row says; no foreign key is deleted; every key left behind (NCP holds it, Pulumi's state does
 * not, no one else made it) is named in what the user saw, and so is every key another writer
 * made during the up; without exclusive exactly the row's count is left (the fault struck); with
 * exclusive none is, unless the cleanup itself fails, and what it deleted it says.
 */
export function matrixRows(mode: Mode): void {
  const mine = rows.filter((row) => row.modes.includes(mode));
  test.each(mine.map((row) => [row.name, row] as const))("%s", async (_name, row) => {
    const result = await runRow(row, mode);
    const context = `proxy saw: ${result.proxyLog.join(", ")}\nthe user saw:\n${result.seen}`;
    const expected = row.expect[mode];
    if (expected === "succeeds") expect({ error: result.error, context }).toEqual({ error: undefined, context });
    else expect(result.error).toMatch(expected);

    expect({ foreignKeysLive: result.foreign.filter((k) => result.live.includes(k)) }).toEqual({ foreignKeysLive: result.foreign });
    const leftBehind = result.live.filter((k) => !result.foreign.includes(k) && !result.held.includes(k));
    const unnamed = [...leftBehind, ...result.madeDuringUp].filter((k) => !result.seen.includes(k));
    expect({ unnamed, context }).toEqual({ unnamed: [], context });
    const expectedLeft = mode === "exclusive" && !row.cleanupFails ? 0 : row.left;
    expect({ leftBehind: leftBehind.length, context }).toEqual({ leftBehind: expectedLeft, context });
    if (row.proven) expect(result.seen).toMatch(/Deleted \S+ \(created [^)]+\): NCP answered 2xx to the lost request, so it made exactly one key/);
    else if (mode === "exclusive" && row.left > 0 && !row.cleanupFails) expect(result.seen).toMatch(/Deleted (\S+ \(created [^)]+\)(, )?)+: exclusive: true says/);
  });
}
