import * as fs from "node:fs";
import * as os from "node:os";

/**
 * The markdown the benchmark prints and writes into tests/bench/README.md between the markers of
 * the Node major version it ran on (`<!-- results:node20:start -->` …), so runs on two Node
 * versions stand side by side.
 */
export function markers(nodeVersion = process.version): { start: string; end: string } {
  const major = /^v(\d+)/.exec(nodeVersion)?.[1] ?? "unknown";
  return { start: `<!-- results:node${major}:start -->`, end: `<!-- results:node${major}:end -->` };
}

export function machine(): string {
  const cpus = os.cpus();
  return (
    `${cpus[0]?.model ?? "unknown CPU"}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ` +
    `Node ${process.version}, ${os.type()} ${os.release()} (${os.arch()})`
  );
}

export function table(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/** Replaces what is between the markers (adding them at the end when missing). */
export function writeResults(readmePath: string, markdown: string): void {
  const { start: START, end: END } = markers();
  const block = `${START}\n${markdown}\n${END}`;
  const current = fs.existsSync(readmePath) ? fs.readFileSync(readmePath, "utf8") : "";
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  const next = start >= 0 && end > start ? current.slice(0, start) + block + current.slice(end + END.length) : `${current}\n${block}\n`;
  fs.writeFileSync(readmePath, next);
}
