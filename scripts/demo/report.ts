/**
 * What the demo prints: a heading per step, written as the command a user would type, then one
 * `ok` or `FAIL` line per check. Any FAIL makes the demo exit 1, after the remaining steps ran.
 */
let failures = 0;

export function heading(command: string, what: string): void {
  console.log(`\n$ ${command}\n  ${what}`);
}

/** Records one check; returns whether it held, so a step can skip what depends on it. */
export function check(ok: boolean, what: string): boolean {
  console.log(`    ${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures++;
  return ok;
}

/** A line of context under a step: what happened, not a check. */
export function note(text: string): void {
  console.log(`         ${text}`);
}

export function failureCount(): number {
  return failures;
}

/** `{create: 3}` → `create 3`, as Pulumi's summary counts them. */
export function describeChanges(changes: Record<string, number> | undefined): string {
  const entries = Object.entries(changes ?? {});
  return entries.length ? entries.map(([op, count]) => `${op} ${count}`).join(", ") : "none";
}
