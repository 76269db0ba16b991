import { check as checkSnapshotKey } from "../../provider/handlers/searchSnapshotAuthKey";
import { clientOptionsFromConfig } from "../../provider/handlers/settings";
import { NcloudClient } from "../../sdk";
import { startEmulator, type Emulator } from "../../sdk/emulator";
import { SERVICE_GROUP, SUB_ACCOUNT_ID } from "./operations";
import { failRow, readTable, type Row } from "./table";

/**
 * Access key ids come in two shapes: `ncp_iam_` + 20 letters and digits (28 characters) for keys
 * issued now, and the legacy 20 letters and digits, still in use
 * (gov:gov-iam-v2-sub-account-listaccesskeys). Every row of docs/ncp-wire.md that takes an access
 * key as input (HD02, R01, R03, R09) names both; each is checked here with both, against the emulator.
 */
const SHAPES = { current: "ncp_iam_BPASKRxmpl0123456789", legacy: "BPASKRXMPL0123456789" };
const rows = readTable().filter((row) => ["HD02", "R01", "R03", "R09"].includes(row.id));

test("the rows that take an access key name both shapes", () => {
  expect(rows.map((row) => row.id)).toEqual(["HD02", "R01", "R03", "R09"]);
  for (const row of rows) if (!row.documented.includes("`ncp_iam_` + 20") || !row.documented.includes("legacy 20")) failRow(row, "does not name both shapes");
  expect(SHAPES.current).toMatch(/^ncp_iam_[A-Za-z0-9]{20}$/);
  expect(SHAPES.legacy).toMatch(/^[A-Za-z0-9]{20}$/);
});

const emulators: Emulator[] = [];
const clients: NcloudClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(emulators.splice(0).map((e) => e.close()));
});

/** An emulator whose own key (the one every call is signed with) has `accessKey`, and a client for it built from stack config. */
async function signingAs(accessKey: string): Promise<{ emulator: Emulator; client: NcloudClient }> {
  const emulator = await startEmulator({ accessKey });
  emulators.push(emulator);
  const options = clientOptionsFromConfig((key) => ({ "ncloud:accessKey": accessKey, "ncloud:secretKey": emulator.secretKey, "ncloud:apiUrl": emulator.url })[key]);
  const client = new NcloudClient({ ...options, env: {}, maxAttempts: 1 });
  clients.push(client);
  return { emulator, client };
}

/** A live sub account key with this id, as NCP would list it. */
function seedKey(emulator: Emulator, accessKey: string): void {
  emulator.state.subAccounts.get(SUB_ACCOUNT_ID)!.keys.set(accessKey, { accessKey, keySecret: `secret-of-${accessKey}`, active: true, createTime: "2024-04-25T08:02:15Z" });
}

const CHECKS: Record<string, (row: Row, accessKey: string) => Promise<void>> = {
  HD02: async (row, accessKey) => {
    const { emulator, client } = await signingAs(accessKey);
    const own = await client.sts.getCredentials();
    if (own.accessKey !== accessKey || emulator.requests.at(-1)?.status !== 200) failRow(row, `a call signed as ${accessKey} was not accepted`);
  },
  R01: async (row, accessKey) => {
    const { emulator, client } = await signingAs(SHAPES.current);
    seedKey(emulator, accessKey);
    await client.subAccount.setAccessKeyActive(SUB_ACCOUNT_ID, accessKey, false);
    if (emulator.state.subAccounts.get(SUB_ACCOUNT_ID)!.keys.get(accessKey)!.active) failRow(row, `${accessKey} was not deactivated`);
  },
  R03: async (row, accessKey) => {
    const { emulator, client } = await signingAs(SHAPES.current);
    seedKey(emulator, accessKey);
    await client.subAccount.deleteAccessKey(SUB_ACCOUNT_ID, accessKey);
    if (emulator.state.liveKeys(SUB_ACCOUNT_ID).length !== 0) failRow(row, `${accessKey} was not deleted`);
  },
  R09: async (row, accessKey) => {
    // The provider's check, then the SDK's call and the verification that the key reaches Object Storage.
    const checked = checkSnapshotKey({}, { serviceGroupInstanceNo: SERVICE_GROUP, accessKeyId: accessKey, secretKey: `secret-of-${accessKey}` });
    if (checked.failures?.length) failRow(row, `check refused ${accessKey}: ${JSON.stringify(checked.failures)}`);
    const { emulator, client } = await signingAs(SHAPES.current);
    seedKey(emulator, accessKey);
    await client.searchEngine.updateApiAuthenticationKey(SERVICE_GROUP, { accessKeyId: accessKey, secretKey: `secret-of-${accessKey}` });
    await client.searchEngine.getBucketList(SERVICE_GROUP);
    if (emulator.state.serviceGroups.get(SERVICE_GROUP)?.accessKeyId !== accessKey) failRow(row, `the service group does not hold ${accessKey}`);
  },
};

test.each(rows.flatMap((row) => Object.entries(SHAPES).map(([shape, accessKey]) => [row.id, shape, row, accessKey] as const)))(
  "%s takes a %s access key",
  async (_id, _shape, row, accessKey) => {
    await CHECKS[row.id](row, accessKey);
  },
);
