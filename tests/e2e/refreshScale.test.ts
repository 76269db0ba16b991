/**
 * `pulumi refresh` of 40 SubAccountAccessKeys over 8 sub accounts, on the real Pulumi engine against
 * the NCP emulator: one list request per sub account, however the engine orders the reads, and a
 * new list at every operation (provider/handlers/sharedKeyLists.ts).
 */
import * as path from "node:path";
import { startEmulator, type Emulator } from "../../sdk/emulator";
import { openLocalStack, type LocalStack } from "../../scripts/engine/localStack";

jest.setTimeout(300_000);

const PREFIX = "refresh-scale";
const SUB_ACCOUNTS = 8;
const KEYS_PER_ACCOUNT = 5;
const subAccountIds = Array.from({ length: SUB_ACCOUNTS }, (_, s) => `${PREFIX}-${s}`);
const KEY_TYPE = "pulumi-nodejs:dynamic/ncloud:SubAccountAccessKey";

let emulator: Emulator;
let local: LocalStack;

beforeAll(async () => {
  emulator = await startEmulator({ subAccounts: subAccountIds, maxActiveKeys: KEYS_PER_ACCOUNT });
  local = await openLocalStack({
    program: path.resolve(__dirname, "programs/refresh-scale"),
    config: {
      subAccountPrefix: PREFIX,
      subAccounts: String(SUB_ACCOUNTS),
      keysPerAccount: String(KEYS_PER_ACCOUNT),
      "ncloud:accessKey": emulator.accessKey,
      "ncloud:secretKey": emulator.secretKey,
      "ncloud:apiUrl": emulator.url,
    },
    secretConfig: ["ncloud:secretKey"],
    readsOutputs: false, // it reads the state, the requests and the summaries
  });
  await local.stack.up();
});

afterAll(async () => {
  local?.dispose();
  await emulator?.close();
});

/** Every request the emulator saw during `run`, as "METHOD path". */
async function requestsDuring(run: () => Promise<unknown>): Promise<string[]> {
  const before = emulator.requests.length;
  await run();
  return emulator.requests.slice(before).map((r) => `${r.method} ${r.path}`);
}

const oneListEach = subAccountIds.map((id) => `GET /api/v1/sub-accounts/${id}/access-keys`);

/** The keys in Pulumi's state, as `{accessKey: active}`. */
async function keysInState(): Promise<Record<string, boolean>> {
  const { deployment } = await local.stack.exportStack();
  const resources = (deployment.resources ?? []) as { type: string; id?: string; outputs?: { active?: boolean } }[];
  return Object.fromEntries(resources.filter((r) => r.type === KEY_TYPE).map((r) => [r.id!, r.outputs?.active === true]));
}

test("up made 40 keys, 5 in each of 8 sub accounts", async () => {
  expect(Object.keys(await keysInState())).toHaveLength(SUB_ACCOUNTS * KEYS_PER_ACCOUNT);
  for (const id of subAccountIds) expect(emulator.state.liveKeys(id)).toHaveLength(KEYS_PER_ACCOUNT);
});

test("refresh of 40 keys sends one list per sub account: 8 requests, not 40", async () => {
  let summary: unknown;
  const sent = await requestsDuring(async () => (summary = (await local.stack.refresh()).summary.resourceChanges));
  expect(sent.sort()).toEqual([...oneListEach].sort());
  expect(summary).toEqual({ same: SUB_ACCOUNTS * KEYS_PER_ACCOUNT + 1 });
});

test("the next refresh lists afresh and sees keys changed behind Pulumi's back; reads one at a time (-p 1) share the list too", async () => {
  const [deactivated] = emulator.state.liveKeys(subAccountIds[0]);
  const [deleted] = emulator.state.liveKeys(subAccountIds[3]);
  emulator.state.subAccounts.get(subAccountIds[0])!.keys.get(deactivated.accessKey)!.active = false;
  emulator.state.subAccounts.get(subAccountIds[3])!.keys.delete(deleted.accessKey);

  const sent = await requestsDuring(() => local.stack.refresh({ parallel: 1 }));

  expect(sent.sort()).toEqual([...oneListEach].sort());
  const state = await keysInState();
  expect(Object.keys(state)).toHaveLength(SUB_ACCOUNTS * KEYS_PER_ACCOUNT - 1);
  expect(state).not.toHaveProperty(deleted.accessKey);
  expect(state[deactivated.accessKey]).toBe(false);
  expect(Object.values(state).filter((active) => !active)).toHaveLength(1);
});
