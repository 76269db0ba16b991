import { invalidInput } from "../errors/errors";
import { CLIENT_NUMBERS } from "./settings";

/**
 * 16: `pulumi up` runs 4 operations per CPU at once unless told otherwise (pulumi/pulumi#14989,
 * `defaultParallel` in cmd/pulumi/operations/up.go), 16 on a 4-core runner, and a handler makes its
 * calls one after another, so a deployment rarely waits for a socket; a burst of 1,000 calls opens
 * 16 sockets (each a TLS handshake at NCP's gateway and a file descriptor here), not 1,000.
 * Above 256 a cap is no cap: the usual soft limit (`ulimit -n`) is 1,024 file descriptors.
 */
export const SOCKETS_PER_ORIGIN = CLIENT_NUMBERS.maxSocketsPerOrigin;

/** A socket cap as given (option, env var or stack config); throws InvalidInput naming `field` when out of range. */
export function parseSocketCap(value: unknown, field: string, operation: string): number {
  const number = typeof value === "string" && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof number === "number" && Number.isInteger(number) && number >= SOCKETS_PER_ORIGIN.min && number <= SOCKETS_PER_ORIGIN.max) return number;
  throw invalidInput(
    operation,
    field,
    `must be a whole number of sockets from ${SOCKETS_PER_ORIGIN.min} to ${SOCKETS_PER_ORIGIN.max}; got ${JSON.stringify(value)}`,
    `set it to e.g. ${SOCKETS_PER_ORIGIN.default}, or leave it unset for ${SOCKETS_PER_ORIGIN.default}`,
  );
}
