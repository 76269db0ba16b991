/**
 * The runner's state: one JSON file per stack, shaped after Pulumi's checkpoint. In memory,
 * secrets are in the engine's wire shape (`{[sig]: secretSig, value}`); on disk, as Pulumi writes
 * them, `{[sig]: secretSig, ciphertext}`, encrypted with the state file's own key (secretBox.ts).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { isSecret, secret, type WireObject, type WireValue } from "../wireValues";
import { openSecretBox, type SecretBox } from "./secretBox";

const specialSigKey = "4dabf18193072939515e22adb298388d";
const secretSig = "1b47061264138c4ac30d75fd1eb44270";

/** A resource as the runner remembers it between runs. */
export interface ResourceState {
  urn: string;
  type: string;
  name: string;
  id: string;
  /** The checked inputs of the last create or update. */
  inputs: WireObject;
  /** What the provider returned, secrets marked. */
  outputs: WireObject;
  /** From the diff or the resource option, used when this resource is replaced or deleted. */
  deleteBeforeReplace?: boolean;
  /** The old half of a create-before-delete replacement whose delete has not happened yet. */
  pendingDelete?: boolean;
}

export interface StackState {
  /** Resources in registration order: a resource comes after everything it depends on. */
  resources: ResourceState[];
  /** The program's exports, secrets marked. */
  outputs: WireObject;
}

interface StateFileJson {
  version: 1;
  secretsProvider: string;
  resources: ResourceState[];
  outputs: WireObject;
}

export interface StateStore {
  load(): StackState;
  save(state: StackState): void;
}

/** Opens (without creating) the state at `file`; its secrets key is `<file>.key`. */
export function openStateStore(file: string): StateStore {
  let box: SecretBox | undefined;
  const secrets = (): SecretBox => (box ??= openSecretBox(file));
  return {
    load() {
      if (!fs.existsSync(file)) return { resources: [], outputs: {} };
      const json = JSON.parse(fs.readFileSync(file, "utf8")) as StateFileJson;
      return decryptAll({ resources: json.resources, outputs: json.outputs }, secrets()) as StackState;
    },
    save(state) {
      const json: StateFileJson = {
        version: 1,
        secretsProvider: `local AES-256-GCM key in ${path.basename(file)}.key (0600)`,
        ...(encryptAll(state, secrets()) as unknown as StackState),
      };
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(temp, `${JSON.stringify(json, null, 2)}\n`);
      fs.renameSync(temp, file);
    },
  };
}

function encryptAll(v: unknown, box: SecretBox): unknown {
  if (isSecret(v)) return { [specialSigKey]: secretSig, ciphertext: box.encrypt(v.value) };
  if (Array.isArray(v)) return v.map((item) => encryptAll(item, box));
  if (typeof v === "object" && v !== null) return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, encryptAll(item, box)]));
  return v;
}

function decryptAll(v: unknown, box: SecretBox): unknown {
  if (typeof v === "object" && v !== null && !Array.isArray(v)) {
    const record = v as Record<string, unknown>;
    if (record[specialSigKey] === secretSig && typeof record.ciphertext === "string") {
      return secret(box.decrypt(record.ciphertext) as WireValue);
    }
    return Object.fromEntries(Object.entries(record).map(([k, item]) => [k, decryptAll(item, box)]));
  }
  if (Array.isArray(v)) return v.map((item) => decryptAll(item, box));
  return v;
}
