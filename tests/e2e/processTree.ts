/**
 * The processes a test started indirectly (the `pulumi` CLI the Automation API spawns, the plugins
 * the CLI starts), found by parent pid in /proc, so a test can signal exactly those and no other.
 * Linux only, as the suite's machines are.
 */
import * as fs from "node:fs";

export interface ProcessInfo {
  pid: number;
  /** The executable's name as the kernel has it (`pulumi`, `node`), at most 15 characters. */
  command: string;
}

function statOf(pid: number): { command: string; parent: number } | undefined {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined; // gone meanwhile
  }
  // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split at the last ')'.
  const close = stat.lastIndexOf(")");
  const [, parent] = stat.slice(close + 2).split(" ");
  return { command: stat.slice(stat.indexOf("(") + 1, close), parent: Number(parent) };
}

/** The live children of `pid`. */
export function childrenOf(pid: number): ProcessInfo[] {
  const children: ProcessInfo[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = statOf(Number(entry));
    if (stat?.parent === pid) children.push({ pid: Number(entry), command: stat.command });
  }
  return children;
}

/** Whether `pid` is still a running process (a zombie is not). */
export function isRunning(pid: number): boolean {
  try {
    return !/^\S+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}
