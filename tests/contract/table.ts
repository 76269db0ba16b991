import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The conformance table of docs/ncp-wire.md, read as data. The markdown is the one source: the
 * contract tests loop over its rows, so a row added there is checked without touching a test.
 */
export const KINDS = ["host", "path", "header", "request", "param", "response", "error", "env", "file"] as const;
export type Kind = (typeof KINDS)[number];

export interface Row {
  id: string;
  kind: Kind;
  service: string;
  site: string;
  method: string;
  path: string;
  name: string;
  documented: string;
  source: string;
  note: string;
}

const COLUMNS = ["id", "kind", "service", "site", "method", "path", "name", "documented", "source", "note"] as const;

export const TABLE_FILE = join(__dirname, "..", "..", "docs", "ncp-wire.md");

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split("|")
    .map((cell) => cell.trim());
}

/** The rows under `## Conformance table`, in order. Throws on a malformed row, naming its line. */
export function parseTable(markdown: string): Row[] {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex((line) => line.trim() === "## Conformance table");
  if (start < 0) throw new Error(`${TABLE_FILE}: no "## Conformance table" section`);
  const header = lines.findIndex((line, i) => i > start && line.startsWith("| id |"));
  if (header < 0) throw new Error(`${TABLE_FILE}: the conformance table has no header row`);
  const found = cells(lines[header]);
  if (found.join(",") !== COLUMNS.join(",")) {
    throw new Error(`${TABLE_FILE}:${header + 1}: columns are ${found.join(", ")}; expected ${COLUMNS.join(", ")}`);
  }
  const rows: Row[] = [];
  for (let i = header + 2; i < lines.length && lines[i].startsWith("|"); i++) {
    const values = cells(lines[i]);
    if (values.length !== COLUMNS.length) {
      throw new Error(`${TABLE_FILE}:${i + 1}: ${values.length} cells, expected ${COLUMNS.length} (a "|" inside a cell?)`);
    }
    const row = Object.fromEntries(COLUMNS.map((column, n) => [column, values[n]])) as unknown as Row;
    if (!(KINDS as readonly string[]).includes(row.kind)) throw new Error(`${TABLE_FILE}:${i + 1}: unknown kind "${row.kind}"`);
    rows.push(row);
  }
  return rows;
}

export function readTable(): Row[] {
  return parseTable(readFileSync(TABLE_FILE, "utf8"));
}

/** Rows the SDK does not use (recorded for completeness, e.g. Sub Account v2): nothing to check. */
export function isUsed(row: Row): boolean {
  return !row.note.startsWith("not used");
}

/** How a failing row names itself: id, what it says, and where NCP says it. */
export function describeRow(row: Row): string {
  const where = [row.service, row.site, row.method, row.path].filter((part) => part !== "-" && part !== "any").join(" ");
  return `row ${row.id} (${row.kind} ${row.name} @ ${where}: documented ${row.documented}; source ${row.source})`;
}

/** Fails a check with the row it is about, so the message leads to the line in docs/ncp-wire.md. */
export function failRow(row: Row, detail: string): never {
  throw new Error(`${describeRow(row)}: ${detail}`);
}

/** The first backticked value of a cell, e.g. `application/json`; undefined when there is none. */
export function exactValue(cell: string): string | undefined {
  return /`([^`]+)`/.exec(cell)?.[1];
}

export type JsonType = "String" | "Integer" | "Boolean" | "Array" | "Object";
const JSON_TYPES: readonly JsonType[] = ["String", "Integer", "Boolean", "Array", "Object"];

/** The JSON types a `documented` cell allows: "Integer (Unix timestamp)" → [Integer]; "String or Integer" → both. */
export function documentedTypes(cell: string): JsonType[] {
  const head = cell.split(/[,(:]/)[0];
  const types = head
    .split(/\s+or\s+/)
    .map((word) => word.trim())
    .filter((word): word is JsonType => (JSON_TYPES as readonly string[]).includes(word));
  if (types.length === 0) throw new Error(`"${cell}" names no JSON type (${JSON_TYPES.join(", ")})`);
  return types;
}

export function jsonTypeOf(value: unknown): JsonType | "Number" | "null" | "undefined" {
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (Array.isArray(value)) return "Array";
  if (typeof value === "string") return "String";
  if (typeof value === "boolean") return "Boolean";
  if (typeof value === "number") return Number.isInteger(value) ? "Integer" : "Number";
  return "Object";
}

/**
 * Every value at a field path: `a.b` nests, `[]` is every element of an array; `[].x` on a top-level array.
 * An empty array yields no values (the caller checks that there were some).
 */
export function valuesAt(root: unknown, fieldPath: string): unknown[] {
  let current: unknown[] = [root];
  for (const part of fieldPath.split(".")) {
    const key = part.replace(/\[\]$/, "");
    const spread = part.endsWith("[]");
    const next: unknown[] = [];
    for (const value of current) {
      const picked = key === "" ? value : typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
      if (spread) next.push(...(Array.isArray(picked) ? picked : [undefined]));
      else next.push(picked);
    }
    current = next;
  }
  return current;
}

/**
 * `status/code` of an error row, e.g. "401/30" → {status: 401, code: "30"}; "404/-" (a service
 * whose errors carry no code, as NSML's) → {status: 404, code: undefined}.
 */
export function errorStatusCode(row: Row): { status: number; code: string | undefined } {
  const match = /^(\d{3})\/(\w+|-)/.exec(row.name);
  if (!match) throw new Error(`${describeRow(row)}: name is not status/code`);
  return { status: Number(match[1]), code: match[2] === "-" ? undefined : match[2] };
}

/** A path template as a regular expression over the path sent, `{x}` matching one segment. */
export function templateRegExp(template: string): RegExp {
  const escaped = template.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
  return new RegExp(`^${escaped.replace(/\{[^}]+\}/g, "([^/]+)")}$`);
}
