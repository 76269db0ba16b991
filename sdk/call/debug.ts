/**
 * Debug logging: one line per attempt with method, path, status, attempt and duration. Never
 * headers, query strings or bodies: those are where keys travel.
 */
export type DebugSink = (line: string) => void;

export interface AttemptLog {
  method: string;
  /** Path with or without query; the query is dropped. */
  path: string;
  /** HTTP status, or the network error code when no response came. */
  status: number | string;
  attempt: number;
  maxAttempts: number;
  ms: number;
}

export function attemptLine(log: AttemptLog): string {
  const path = log.path.split("?")[0];
  return `ncloud: ${log.method} ${path} -> ${log.status} attempt ${log.attempt}/${log.maxAttempts} ${Math.round(log.ms)}ms`;
}

/** The option wins; else NCLOUD_DEBUG turns on a stderr sink; else no logging. */
export function chooseDebugSink(option: DebugSink | undefined, envEnabled: boolean): DebugSink | undefined {
  if (option) return option;
  if (envEnabled) return (line) => process.stderr.write(`${line}\n`);
  return undefined;
}
