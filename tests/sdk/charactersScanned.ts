/**
 * Counts the characters `String.prototype.indexOf` looks at while `run` runs: the work of a
 * scan, measured as a count instead of a time (a time depends on the machine and its load).
 * The real indexOf still does the search; this only adds up how far each call looked.
 */
export async function charactersScanned<T>(run: () => T | Promise<T>): Promise<{ result: T; calls: number; characters: number }> {
  const indexOf = String.prototype.indexOf;
  let calls = 0;
  let characters = 0;
  String.prototype.indexOf = function countedIndexOf(this: string, search: string, from?: number): number {
    const start = Math.max(0, Math.min(from ?? 0, this.length));
    const found = indexOf.call(this, search, from);
    calls += 1;
    characters += (found < 0 ? this.length : found + search.length) - start;
    return found;
  };
  try {
    const result = await run();
    return { result, calls, characters };
  } finally {
    String.prototype.indexOf = indexOf;
  }
}
