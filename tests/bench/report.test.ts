import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { markers, writeResults } from "../../scripts/bench/report";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ncloud-bench-report-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

test("markers are per Node major version", () => {
  expect(markers("v20.20.2")).toEqual({ start: "<!-- results:node20:start -->", end: "<!-- results:node20:end -->" });
  expect(markers("v24.1.0").start).toBe("<!-- results:node24:start -->");
});

test("a run replaces only the block of its own Node major, leaving the other version's results and the text around them", () => {
  const readme = path.join(dir, "README.md");
  const other = markers(process.version.startsWith("v24.") ? "v20.0.0" : "v24.0.0");
  const own = markers();
  fs.writeFileSync(readme, `intro\n${own.start}\nold ours\n${own.end}\nbetween\n${other.start}\nthe other version's table\n${other.end}\nend\n`);
  writeResults(readme, "new ours");
  expect(fs.readFileSync(readme, "utf8")).toBe(`intro\n${own.start}\nnew ours\n${own.end}\nbetween\n${other.start}\nthe other version's table\n${other.end}\nend\n`);
});

test("without its markers yet, the block is appended", () => {
  const readme = path.join(dir, "README.md");
  fs.writeFileSync(readme, "intro\n");
  writeResults(readme, "first run");
  const { start, end } = markers();
  expect(fs.readFileSync(readme, "utf8")).toBe(`intro\n\n${start}\nfirst run\n${end}\n`);
});
