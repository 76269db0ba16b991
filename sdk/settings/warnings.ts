/**
 * Warnings: one `warning: ...` line on stderr, once per subject per process. Not
 * process.emitWarning, whose `(node:PID)` prefix and `--trace-warnings` hint would reach the user
 * too: the Pulumi engine shows a provider's stderr lines as the stack's diagnostics, as written.
 */
const warned = new Set<string>();

export function warnOnce(subject: string, message: string): void {
  if (warned.has(subject)) return;
  warned.add(subject);
  process.stderr.write(`warning: ${message}\n`);
}
