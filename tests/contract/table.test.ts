import { OPERATIONS, operationsFor } from "./operations";
import { KINDS, documentedTypes, errorStatusCode, exactValue, isUsed, parseTable, readTable, templateRegExp, valuesAt } from "./table";

/**
 * The conformance table itself: every row parses, has a source (or says **unverified**), and is
 * reachable by the contract tests; and the parser reads what it should (so a test that "passes"
 * cannot do so by reading nothing).
 */
const rows = readTable();

test("the table has a row of every kind, and ids are unique", () => {
  expect(new Set(rows.map((row) => row.kind))).toEqual(new Set(KINDS));
  const ids = rows.map((row) => row.id);
  expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
});

test("every row names its source, or says it has none", () => {
  const bad = rows.filter((row) => row.source === "" || row.source === "-").map((row) => row.id);
  expect(bad).toEqual([]);
});

test("every used row with a service and method maps to an SDK operation", () => {
  const unmapped = rows
    .filter((row) => isUsed(row) && ["path", "request", "param", "response", "error", "header"].includes(row.kind))
    .filter((row) => operationsFor(row).length === 0)
    .map((row) => row.id);
  expect(unmapped).toEqual([]);
  // And every SDK operation has a path row: a new call cannot ship without its documented path.
  const withoutPath = OPERATIONS.filter(
    (op) => !rows.some((row) => row.kind === "path" && isUsed(row) && row.service === op.service && row.method === op.method),
  );
  expect(withoutPath.map((op) => `${op.service} ${op.method}`)).toEqual([]);
});

test("typed rows name a JSON type; error rows a status/code", () => {
  for (const row of rows.filter((r) => isUsed(r) && (r.kind === "request" || r.kind === "response" || r.kind === "param"))) {
    expect(() => documentedTypes(row.documented)).not.toThrow();
  }
  for (const row of rows.filter((r) => r.kind === "error")) expect(() => errorStatusCode(row)).not.toThrow();
  for (const row of rows.filter((r) => r.kind === "host")) expect(exactValue(row.documented)).toMatch(/^[a-z0-9.-]+$/);
});

test("the parser refuses a row with a stray cell, and reads types and field paths as meant", () => {
  const header = "## Conformance table\n| id | kind | service | site | method | path | name | documented | source | note |\n|---|---|---|---|---|---|---|---|---|---|\n";
  expect(() => parseTable(`${header}| X1 | host | sts | public | - | - | host | a | b | c | extra |\n`)).toThrow(/11 cells/);
  expect(() => parseTable(`${header}| X1 | nonsense | sts | public | - | - | host | a | b | c |\n`)).toThrow(/unknown kind/);
  expect(parseTable(`${header}| X1 | host | sts | public | - | - | host | a | b | c |\n`)).toHaveLength(1);
  expect(documentedTypes("Integer (Unix timestamp)")).toEqual(["Integer"]);
  expect(documentedTypes("String or Integer (the table says Integer)")).toEqual(["String", "Integer"]);
  expect(valuesAt({ result: { bucketList: [{ n: 1 }, { n: 2 }] } }, "result.bucketList[].n")).toEqual([1, 2]);
  expect(valuesAt([{ a: "x" }], "[].a")).toEqual(["x"]);
  expect(valuesAt({ list: [] }, "list[].a")).toEqual([]);
  expect(templateRegExp("/api/v1/sub-accounts/{subAccountId}/access-keys").test("/api/v1/sub-accounts/abc/access-keys")).toBe(true);
  expect(templateRegExp("/api/v1/sub-accounts/{subAccountId}/access-keys").test("/api/v1/sub-accounts/a/b/access-keys")).toBe(false);
});
