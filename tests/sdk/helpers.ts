import { generateKeyPairSync } from "node:crypto";
import { NcloudClient, type NcloudClientOptions } from "../../sdk";
import { type Emulator, type EmulatorOptions, startEmulator } from "../../sdk/emulator";

/** An OpenSSH `ssh-ed25519` public key line built from a fresh key pair. */
export function sshPublicKey(comment = "test@sdk"): string {
  const der = generateKeyPairSync("ed25519").publicKey.export({ type: "spki", format: "der" });
  const raw = der.subarray(der.length - 32);
  const withLength = (b: Buffer): Buffer => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(b.length);
    return Buffer.concat([length, b]);
  };
  const blob = Buffer.concat([withLength(Buffer.from("ssh-ed25519")), withLength(raw)]);
  return `ssh-ed25519 ${blob.toString("base64")} ${comment}`;
}

export interface Harness {
  emulator: Emulator;
  client: NcloudClient;
  /** Delays the client asked to sleep, in order. */
  sleeps: number[];
  /** Debug lines the client wrote. */
  lines: string[];
  /** A second client with other options, closed with the harness. */
  makeClient(options?: NcloudClientOptions): NcloudClient;
  close(): Promise<void>;
}

export const SUB_ACCOUNT = "4e066e50-9c3a-11e7-8a66-1e5021fa7c80";

export async function harness(emulatorOptions: EmulatorOptions = {}, clientOptions: NcloudClientOptions = {}): Promise<Harness> {
  const emulator = await startEmulator(emulatorOptions);
  const sleeps: number[] = [];
  const lines: string[] = [];
  const clients: NcloudClient[] = [];
  const makeClient = (options: NcloudClientOptions = {}): NcloudClient => {
    const client = new NcloudClient({
      endpoint: emulator.url,
      accessKey: emulator.accessKey,
      secretKey: emulator.secretKey,
      apiKey: emulator.apiKey,
      env: {},
      timeoutMs: 2000,
      retryBaseMs: 5,
      retryCapMs: 2000,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      debug: (line) => lines.push(line),
      ...options,
    });
    clients.push(client);
    return client;
  };
  const client = makeClient(clientOptions);
  return {
    emulator,
    client,
    sleeps,
    lines,
    makeClient,
    async close() {
      await Promise.all(clients.map((c) => c.close()));
      await emulator.close();
    },
  };
}

/** The rejection of a promise, which must be an error of the given class. */
export async function rejection<T extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => T): Promise<T> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}
