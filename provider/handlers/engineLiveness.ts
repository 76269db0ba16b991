/**
 * Whether the Pulumi engine that runs this provider host is still there to record a result.
 *
 * Why: when the `pulumi` CLI is killed (SIGKILL, the OOM killer) while a create is in flight, the
 * dynamic-provider host it started lives on: nothing in @pulumi/pulumi's host watches the engine
 * (pulumi/pulumi#8696 is the same for the language host). The create then finishes at NCP and its
 * answer, with the only copy of the key's secret, goes nowhere: the checkpoint holds a pending
 * create with no id, so the key would be live at NCP and in no state. A create that can tell the
 * engine has gone deletes its key instead (./orphanSafeCreate's rule: a key whose secret nobody
 * can hold must not survive).
 *
 * How: the engine passes its gRPC address as the host's last argument (`127.0.0.1:PORT`, after
 * any logging flags); the CLI serves it until it exits, so a connection that is refused there
 * means the CLI is gone. The engine counts as gone only if it once answered: a host started by
 * something else (a test harness with a placeholder address) never sees its creates undone.
 */
import * as net from "node:net";

/** How long a probe waits for the engine's port to answer; a silent port counts as present. */
const PROBE_TIMEOUT_MS = 2_000;

export interface EngineAddress {
  host: string;
  port: number;
}

/** The engine's address from the host's arguments: the last one of the form `host:port`. */
export function engineAddress(argv: readonly string[] = process.argv.slice(2)): EngineAddress | undefined {
  for (const arg of [...argv].reverse()) {
    const match = /^(127\.0\.0\.1|localhost|\[::1\]):(\d{1,5})$/.exec(arg);
    if (match) return { host: match[1].replace(/^\[|\]$/g, ""), port: Number(match[2]) };
  }
  return undefined;
}

/** "refused" only when nothing listens there any more; a timeout or another error proves nothing. */
export function probe(address: EngineAddress, timeoutMs = PROBE_TIMEOUT_MS): Promise<"listening" | "refused" | "unknown"> {
  return new Promise((resolve) => {
    const socket = net.connect(address);
    const settle = (result: "listening" | "refused" | "unknown") => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => settle("unknown"));
    socket.once("connect", () => settle("listening"));
    socket.once("error", (error: NodeJS.ErrnoException) => settle(error.code === "ECONNREFUSED" ? "refused" : "unknown"));
  });
}

/** Whether the engine answered once in this process; probed once, before the first create. */
let engineAnswered: Promise<boolean> | undefined;

/** Call before a create is sent: learns, once per process, whether an engine is there to watch. */
export function noteEngine(address = engineAddress()): Promise<boolean> {
  engineAnswered ??= address ? probe(address).then((result) => result === "listening") : Promise.resolve(false);
  return engineAnswered;
}

/** Call once a create has succeeded: true when the engine that asked for it has exited since. */
export async function engineLeft(address = engineAddress()): Promise<boolean> {
  if (!address || !(await noteEngine(address))) return false;
  return (await probe(address)) === "refused";
}
