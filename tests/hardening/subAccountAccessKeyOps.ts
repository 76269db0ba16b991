import { isDeepStrictEqual } from "node:util";
import type { NcloudStack } from "../host/ncloudStack";
import type { ProviderHostError } from "../host/providerHost";
import type { Operation, Prepared } from "./operation";

/** The sub account the matrix's keys live in; nothing else touches it. */
export const MATRIX_SUB = "5f177f61-0d4b-11e7-8a66-1e5021fa7c80";
const KIND = "subAccountAccessKey" as const;
const KEYS_PATH = `/api/v1/sub-accounts/${MATRIX_SUB}/access-keys`;
const INPUTS = { subAccountId: MATRIX_SUB };

/** A sub account's keys as `{accessKey: active}`: what NCP holds and what Pulumi's state holds. */
type Keys = Record<string, boolean>;

function liveKeys(stack: NcloudStack): Keys {
  return Object.fromEntries(stack.emulator.state.liveKeys(MATRIX_SUB).map((k) => [k.accessKey, k.active]));
}

/** A key created with no fault in force: the resource the read, update and delete rows start from. */
async function existingKey(stack: NcloudStack, name: string) {
  const created = await stack.createResource(KIND, name, INPUTS);
  const held: Keys = { [created.id]: true };
  return { ...created, held, urn: stack.urn(KIND, name) };
}

/** A failed create the engine still records (ErrorResourceInitFailed) holds that partial key. */
function heldAfterFailedCreate(error: ProviderHostError): Keys {
  const partial = error.initFailure;
  return partial?.id ? { [partial.id]: partial.properties.active !== false } : {};
}

/** Keys NCP holds that Pulumi does not: allowed only when the user is told each one (judged by the matrix). */
function untracked(observed: unknown, held: unknown): { names: string[]; rest: Keys } {
  const rest = { ...(observed as Keys) };
  const names = Object.keys(rest).filter((key) => !(key in (held as Keys)));
  for (const name of names) delete rest[name];
  return { names, rest };
}

/** A create: with `exclusive`, a lost answer may leave nothing behind; without, only what it names. */
function createOp(exclusive: boolean): Operation {
  return {
    kind: KIND,
    target: { method: "POST", path: KEYS_PATH },
    async prepare(stack): Promise<Prepared> {
      return {
        async run() {
          const { id, properties } = await stack.createResource(KIND, "created", exclusive ? { ...INPUTS, exclusive } : INPUTS);
          return { [id]: properties.active === true };
        },
        heldAfterFailure: heldAfterFailedCreate,
        // No carriedOut: a key Pulumi does not record is an orphan whatever the message says.
        observe: () => liveKeys(stack),
        ...(exclusive ? {} : { leftBehind: untracked }),
      };
    },
  };
}

export const subAccountAccessKeyOps = {
  "SubAccountAccessKey.create": createOp(false),
  "SubAccountAccessKey.create (exclusive)": createOp(true),
  "SubAccountAccessKey.read": {
    kind: KIND,
    target: { method: "GET", path: KEYS_PATH },
    async prepare(stack): Promise<Prepared> {
      const key = await existingKey(stack, "refreshed");
      return {
        async run() {
          const read = await stack.host.read(key.id, key.urn, key.properties, key.inputs);
          // An empty id tells the engine the key is gone: it drops it from state.
          return read.id === "" ? {} : { [read.id]: read.properties.active === true };
        },
        heldAfterFailure: () => key.held,
        observe: () => liveKeys(stack),
      };
    },
  },
  "SubAccountAccessKey.update": {
    kind: KIND,
    target: { method: "PUT", path: KEYS_PATH },
    async prepare(stack): Promise<Prepared> {
      const key = await existingKey(stack, "deactivated");
      return {
        async run() {
          const { properties } = await stack.host.update(key.id, key.urn, key.properties, { ...key.inputs, active: false });
          return { [key.id]: properties.active === true };
        },
        heldAfterFailure: () => key.held,
        carriedOut: (observed) => isDeepStrictEqual(observed, { [key.id]: false }),
        observe: () => liveKeys(stack),
      };
    },
  },
  "SubAccountAccessKey.delete": {
    kind: KIND,
    target: { method: "DELETE", path: KEYS_PATH },
    async prepare(stack): Promise<Prepared> {
      const key = await existingKey(stack, "deleted");
      return {
        async run() {
          await stack.host.delete(key.id, key.urn, key.properties);
          return {};
        },
        heldAfterFailure: () => key.held,
        carriedOut: (observed) => isDeepStrictEqual(observed, {}),
        observe: () => liveKeys(stack),
      };
    },
  },
} satisfies Record<string, Operation>;

export function resetSubAccount(stack: NcloudStack): void {
  stack.emulator.state.subAccounts.get(MATRIX_SUB)?.keys.clear();
}
