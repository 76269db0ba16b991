/**
 * Waits for a condition the code under test makes true (a request reaching the emulator, its
 * answer going out), checking after each short pause. Bounded by a count of checks, never judged
 * by elapsed time: the condition is the event, and a run that never sees it fails saying what.
 */
export async function whenTrue(condition: () => boolean, what: string, checks = 2000): Promise<void> {
  for (let i = 0; i < checks; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`${what}: not seen after ${checks} checks`);
}
