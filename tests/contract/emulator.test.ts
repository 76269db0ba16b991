import { type Emulator, type EmulatorOptions, startEmulator } from "../../sdk/emulator";
import { type SignedResponse, signedRequest } from "../emulator/signedRequest";
import { ACCESS_KEY, NSML_KEY, NSML_TITLE, SERVICE_GROUP, SUB_ACCOUNT_ID, siteAndRegion } from "./operations";
import { type Row, describeRow, documentedTypes, failRow, errorStatusCode, isUsed, jsonTypeOf, readTable, valuesAt } from "./table";

/**
 * What the emulator answers, row by row of docs/ncp-wire.md: every documented path is served,
 * every response field has its documented JSON type, every error code it can produce comes with
 * the documented status. Requests are signed with sdk/signer.ts like a real client's.
 */
const rows = readTable().filter(isUsed);
const of = (kind: Row["kind"]) => rows.filter((row) => row.kind === kind).map((row) => [row.id, row] as const);

/** A service group per Search Engine region the table names; the emulator finds a group only under its region's path. */
const GROUP_BY_REGION: Record<string, string> = { KR: SERVICE_GROUP, SGN: "1531844", JPN: "1531845", KRS: "1531846" };
const PREFIX_BY_REGION: Record<string, string> = { KR: "/api/v2", SGN: "/api/sgn-v2", JPN: "/api/jpn-v2", KRS: "/api/krs-v2" };
const KEYS_PATH = `/api/v1/sub-accounts/${SUB_ACCOUNT_ID}/access-keys`;

const emulators: Emulator[] = [];
async function fresh(options: EmulatorOptions = {}): Promise<Emulator> {
  const serviceGroups = Object.entries(GROUP_BY_REGION).map(([region, serviceGroupInstanceNo]) => ({ serviceGroupInstanceNo, region }));
  const emulator = await startEmulator({ serviceGroups: serviceGroups as EmulatorOptions["serviceGroups"], ...options });
  emulators.push(emulator);
  return emulator;
}
afterEach(async () => {
  await Promise.all(emulators.splice(0).map((e) => e.close()));
});

async function newKey(e: Emulator): Promise<string> {
  return (((await signedRequest(e, { method: "POST", path: KEYS_PATH })).json() as { accessKey: string }).accessKey);
}

async function setSnapshotKey(e: Emulator, region: string): Promise<SignedResponse> {
  const path = `${PREFIX_BY_REGION[region]}/snapshot/updateAPIAuthenticationKey/${GROUP_BY_REGION[region]}`;
  return signedRequest(e, { method: "POST", path, body: { accessKeyId: e.accessKey, secretKey: e.secretKey } });
}

async function newNsmlKey(e: Emulator): Promise<string> {
  await signedRequest(e, { method: "POST", path: "/nsml/v1/auth-keys", body: { title: NSML_TITLE, key: NSML_KEY } });
  const list = (await signedRequest(e, { path: "/nsml/v1/auth-keys" })).json() as { keyList: Array<{ name: string }> };
  return list.keyList[0]?.name ?? "missing";
}

/** The documented success answer of each operation, set up the way a user would get it. */
const PROBES: Record<string, (e: Emulator, region: string) => Promise<SignedResponse>> = {
  "subAccount GET": async (e) => (await newKey(e), signedRequest(e, { path: KEYS_PATH })),
  "subAccount POST": (e) => signedRequest(e, { method: "POST", path: KEYS_PATH }),
  "subAccount PUT": async (e) => signedRequest(e, { method: "PUT", path: KEYS_PATH, body: { accessKey: await newKey(e), active: false } }),
  "subAccount DELETE": async (e) => signedRequest(e, { method: "DELETE", path: KEYS_PATH, body: { accessKey: await newKey(e) } }),
  // Signed with temporary credentials: the GET then answers all five documented fields (S09, S10, S39-S41).
  "sts GET": async (e) => {
    const issued = (await signedRequest(e, { method: "POST", path: "/api/v1/credentials", body: { durationSec: 900 } })).json() as { accessKey: string; keySecret: string };
    return signedRequest(e, { path: "/api/v1/credentials", accessKey: issued.accessKey, secretKey: issued.keySecret });
  },
  "sts POST": (e) => signedRequest(e, { method: "POST", path: "/api/v1/credentials", body: { durationSec: 900 } }),
  "nsml GET": async (e) => (await newNsmlKey(e), signedRequest(e, { path: "/nsml/v1/auth-keys" })),
  "nsml POST": (e) => signedRequest(e, { method: "POST", path: "/nsml/v1/auth-keys", body: { title: NSML_TITLE, key: NSML_KEY } }),
  "nsml DELETE": async (e) =>
    signedRequest(e, { method: "DELETE", path: `/nsml/v1/auth-keys/title/${NSML_TITLE}/name/${encodeURIComponent(await newNsmlKey(e))}` }),
  "searchEngine POST": (e, region) => setSnapshotKey(e, region),
  "searchEngine GET": async (e, region) => {
    await setSnapshotKey(e, region);
    return signedRequest(e, { path: `${PREFIX_BY_REGION[region]}/snapshot/getBucketList/${GROUP_BY_REGION[region]}` });
  },
  // Error bodies: the gateway's (a bad signature), Sub Account's (a missing sub account).
  "gateway *": (e) => signedRequest(e, { path: "/api/v1/credentials", secretKey: "not-the-secret" }),
  "subAccount *": (e) => signedRequest(e, { method: "POST", path: "/api/v1/sub-accounts/no-such-sub-account/access-keys" }),
};

function probeFor(row: Row): (e: Emulator, region: string) => Promise<SignedResponse> {
  const probe = PROBES[`${row.service} ${row.method}`];
  if (!probe) failRow(row, `no emulator probe for ${row.service} ${row.method} in tests/contract/emulator.test.ts`);
  return probe;
}

describe("paths: the emulator serves every documented path", () => {
  test.each(of("path"))("%s", async (_id, row) => {
    // The emulator has no sites: fin's one region (FKR) answers under /api/v2 like KR.
    const named = siteAndRegion(row.site).region ?? "KR";
    const region = named === "FKR" ? "KR" : named;
    if (row.service === "searchEngine" && !PREFIX_BY_REGION[region]) failRow(row, `no emulator group for region ${region}`);
    const answer = await probeFor(row)(await fresh(), region);
    if (answer.status < 200 || answer.status > 299) failRow(row, `the emulator answered ${answer.status}: ${answer.text.slice(0, 200)}`);
  });
});

describe("response fields: present, with the documented JSON type", () => {
  test.each(of("response"))("%s", async (_id, row) => {
    const answer = await probeFor(row)(await fresh(), "KR");
    let body: unknown;
    try {
      body = answer.json();
    } catch {
      failRow(row, `the emulator answered ${answer.status} with no JSON: ${answer.text.slice(0, 120)}`);
    }
    const values = valuesAt(body, row.name);
    if (values.length === 0) failRow(row, `no ${row.name} (an empty list?) in ${answer.text.slice(0, 200)}`);
    const allowed = documentedTypes(row.documented) as string[];
    const enumerated = /^String: /.test(row.documented) ? [...row.documented.matchAll(/`([^`]+)`/g)].map((m) => m[1]) : [];
    for (const value of values) {
      if (!allowed.includes(jsonTypeOf(value))) failRow(row, `the emulator sent ${row.name} = ${JSON.stringify(value)} (${jsonTypeOf(value)})`);
      if (enumerated.length > 0 && !enumerated.includes(value as string)) failRow(row, `${JSON.stringify(value)} is not one of ${enumerated.join(", ")}`);
    }
  });
});

/** Three requests at once against a quota of one a second: they land in one window however slow the machine is. */
async function firstThrottled(e: Emulator): Promise<SignedResponse> {
  e.faults.setRateLimit(1);
  const answers = await Promise.all([1, 2, 3].map(() => signedRequest(e, { path: "/api/v1/credentials" })));
  return answers.find((answer) => answer.status === 429) ?? answers[answers.length - 1];
}

/** A request the gateway answers itself with `status` (an injected fault), as it does for an overloaded or broken backend. */
function withGatewayStatus(e: Emulator, status: number): Promise<SignedResponse> {
  e.faults.add({ kind: "status", status, times: 1 });
  return signedRequest(e, { path: "/api/v1/credentials" });
}

/** How to make the emulator produce each error row; the rows listed below it cannot be produced and are checked on the SDK side only. */
const SCENARIOS: Record<string, (e: Emulator) => Promise<SignedResponse>> = {
  E01: (e) => signedRequest(e, { path: "/api/v1/credentials", secretKey: "not-the-secret" }),
  // The gateway's own codes, not its HTTP status, for the statuses it answers itself.
  E06: (e) => withGatewayStatus(e, 400),
  E07: (e) => signedRequest(e, { path: "/api/v1/no-such-api" }),
  E08: (e) => withGatewayStatus(e, 503),
  E09: (e) => withGatewayStatus(e, 504),
  E10: (e) => withGatewayStatus(e, 500),
  E12: (e) => signedRequest(e, { method: "POST", path: "/api/v1/credentials", body: JSON.stringify({ pad: "x".repeat(1024 * 1024) }) }),
  E02: (e) => signedRequest(e, { path: "/nsml/v1/auth-keys", apiKey: "not-the-api-key" }),
  E03: firstThrottled,
  E11: (e) => signedRequest(e, { path: "/api/v1/credentials", timestamp: Date.now() - 10 * 60_000 }),
  E20: (e) => signedRequest(e, { method: "POST", path: "/api/v1/sub-accounts/no-such-sub-account/access-keys" }),
  E21: async (e) => {
    await newKey(e);
    await newKey(e);
    return signedRequest(e, { method: "POST", path: KEYS_PATH });
  },
  E22: (e) => signedRequest(e, { method: "PUT", path: "/api/v1/sub-accounts/no-such-sub-account/access-keys", body: { accessKey: ACCESS_KEY, active: false } }),
  E23: (e) => signedRequest(e, { method: "DELETE", path: "/api/v1/sub-accounts/no-such-sub-account/access-keys", body: { accessKey: ACCESS_KEY } }),
  E24: (e) => signedRequest(e, { method: "DELETE", path: KEYS_PATH, body: { accessKey: ACCESS_KEY } }),
  E26: (e) => signedRequest(e, { path: "/api/v1/sub-accounts/no-such-sub-account/access-keys" }),
  E25: (e) => signedRequest(e, { method: "PUT", path: KEYS_PATH, body: { accessKey: ACCESS_KEY, active: false } }),
  E30: (e) => signedRequest(e, { method: "POST", path: "/api/v1/credentials", body: { durationSec: 60 } }),
  E40: (e) => signedRequest(e, { method: "DELETE", path: `/nsml/v1/auth-keys/title/${NSML_TITLE}/name/no-such-key` }),
  E41: (e) => signedRequest(e, { method: "POST", path: "/nsml/v1/auth-keys", body: { title: "1-not-a-title", key: NSML_KEY } }),
  E50: (e) => signedRequest(e, { path: "/api/v2/snapshot/getBucketList/999999" }),
  E51: (e) => signedRequest(e, { path: `/api/v2/snapshot/getBucketList/${SERVICE_GROUP}` }),
};
const SDK_SIDE_ONLY = ["E04", "E05", "E31", "E32"];

function codeIn(row: Row, body: unknown): string | undefined {
  const b = (body ?? {}) as Record<string, unknown>;
  const raw = row.service === "gateway" ? (b.error as Record<string, unknown> | undefined)?.errorCode : row.service === "searchEngine" ? b.code : b.errorCode;
  return raw === undefined ? undefined : String(raw);
}

function messageIn(body: unknown): string {
  const b = (body ?? {}) as Record<string, unknown>;
  return String((b.error as Record<string, unknown> | undefined)?.message ?? b.message ?? "");
}

describe("errors: the emulator answers each documented code with the documented status", () => {
  test("every error row has a scenario or is marked SDK-side only", () => {
    const unclassified = of("error").filter(([id]) => !SCENARIOS[id] && !SDK_SIDE_ONLY.includes(id));
    expect(unclassified.map(([, row]) => describeRow(row))).toEqual([]);
  });

  test.each(of("error").filter(([id]) => SCENARIOS[id]))("%s", async (id, row) => {
    const answer = await SCENARIOS[id](await fresh({ maxActiveKeys: 2 }));
    const { status, code } = errorStatusCode(row);
    let body: unknown;
    try {
      body = answer.json();
    } catch {
      failRow(row, `the emulator answered ${answer.status} with no JSON: ${answer.text.slice(0, 120)}`);
    }
    // Status and code are the contract; the wording differs between NCP's own pages, so it is shown, not compared.
    if (answer.status !== status || codeIn(row, body) !== code) {
      failRow(row, `the emulator answered ${answer.status}/${codeIn(row, body)} "${messageIn(body)}": ${answer.text.slice(0, 200)}`);
    }
    // A service whose errors carry no code (NSML) is told apart by its documented message alone.
    const documented = row.documented.split(/ \(|;/)[0].trim();
    if (code === undefined && messageIn(body) !== documented) failRow(row, `the emulator's message is "${messageIn(body)}", not "${documented}"`);
  });
});
