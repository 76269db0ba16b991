import * as fs from "node:fs";

/** Small statistics helpers for the benchmark. */

export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index];
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);

export function ratio(a: number, b: number): string {
  return Number.isFinite(a / b) ? (a / b).toFixed(2) : "n/a";
}

export function ms(value: number): string {
  return value < 1 ? `${(value * 1000).toFixed(0)} µs` : `${value.toFixed(value < 10 ? 2 : 0)} ms`;
}

/** Peak memory of this process and of its child processes (the provider host), from /proc. */
export class PeakMemory {
  #selfPeak = 0;
  #childPeak = 0;
  #timer: NodeJS.Timeout | undefined;

  start(everyMs = 50): void {
    this.#timer = setInterval(() => this.sample(), everyMs);
    this.#timer.unref();
  }

  sample(): void {
    this.#selfPeak = Math.max(this.#selfPeak, process.memoryUsage().rss);
    this.#childPeak = Math.max(this.#childPeak, childrenRss());
  }

  stop(): { selfMb: number; childrenMb: number } {
    if (this.#timer) clearInterval(this.#timer);
    this.sample();
    return { selfMb: this.#selfPeak / 2 ** 20, childrenMb: this.#childPeak / 2 ** 20 };
  }
}

/** Sum of the RSS of every direct child of this process (Linux only; 0 elsewhere). */
function childrenRss(): number {
  let total = 0;
  let entries: string[];
  try {
    entries = fs.readdirSync("/proc").filter((e) => /^\d+$/.test(e));
  } catch {
    return 0;
  }
  for (const pid of entries) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid !== process.pid) continue;
      const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
      const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
      if (kb) total += Number(kb) * 1024;
    } catch {
      // The process ended between readdir and read.
    }
  }
  return total;
}

/**
 * CPU seconds (user + system) used so far by this process, and by its children that have ended
 * and been waited for, with theirs (Linux: /proc/self/stat cutime + cstime, in USER_HZ ticks of
 * 10 ms; 0 elsewhere). Around a `pulumi` command run by the Automation API, the children's share
 * is the CLI's and its plugins'.
 */
export function cpuSeconds(): { self: number; children: number } {
  const usage = process.cpuUsage();
  let children = 0;
  try {
    const stat = fs.readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields 16 and 17 of proc(5); `fields` starts at field 3.
    children = (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    // Not Linux.
  }
  return { self: (usage.user + usage.system) / 1e6, children };
}
