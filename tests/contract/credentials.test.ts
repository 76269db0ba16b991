import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import type { NcloudClientOptions } from "../../sdk";
import { defaultConfigFilePath } from "../../sdk/settings/configFile";
import { NcloudClient } from "../../sdk";
import { type MetadataStandIn, standInRole, startMetadataStandIn } from "../hostile/metadataStandIn";
import { OPERATIONS, documentedAnswer, sendThrough } from "./operations";
import { type Recorded, Recorder, signatureFor } from "./recorder";
import { type Row, failRow, isUsed, readTable } from "./table";

/**
 * Where credentials and the region come from, row by row (docs/ncp-wire.md rows V.. and F..): the
 * names NCP's own SDKs and CLI tools read. Each check sends a real request to a recording loopback
 * server and looks at the key id that arrived and whether its signature verifies.
 */
const rows = readTable().filter((row) => isUsed(row) && (row.kind === "env" || row.kind === "file"));

let recorder: Recorder;
let dir: string;
/** The metadata API of a VPC server with one role, on loopback (the real address is never sent to). */
let metadata: MetadataStandIn;
const ROLE = standInRole("contract");
beforeAll(async () => {
  recorder = await new Recorder(documentedAnswer).start();
  dir = mkdtempSync(join(tmpdir(), "ncloud-contract-"));
  metadata = await startMetadataStandIn([ROLE]);
});
afterAll(async () => {
  await recorder.close();
  await metadata.close();
  rmSync(dir, { recursive: true, force: true });
});

const DEFAULT_PAIR = { id: "ncp_iam_DEFAULTxxxxxxxxxxxx", secret: "default-secret" };
const TEAM_PAIR = { id: "ncp_iam_TEAMxxxxxxxxxxxxxxxx", secret: "team-secret" };
let files = 0;

function configFile(text: string): string {
  const path = join(dir, `configure-${++files}`);
  writeFileSync(path, text, { mode: 0o600 });
  return path;
}

function section(name: string, pair: { id: string; secret?: string }): string {
  const secret = pair.secret === undefined ? "" : `ncloud_secret_access_key = ${pair.secret}\n`;
  return `[${name}]\nncloud_access_key_id = ${pair.id}\n${secret}ncloud_api_url = https://ncloud.apigw.ntruss.com\n\n`;
}

/** One STS GET with no keys in the options: what reached the wire, or what the SDK threw. */
function sendWith(options: NcloudClientOptions): Promise<{ sent: Recorded[]; error?: unknown }> {
  return sendThrough(recorder, { accessKey: undefined, secretKey: undefined, ...options }, (client) => client.sts.getCredentials());
}

async function expectSignedBy(row: Row, options: NcloudClientOptions, pair: { id: string; secret: string }): Promise<void> {
  const { sent, error } = await sendWith(options);
  if (sent.length !== 1) failRow(row, `expected one request, ${sent.length} sent${error ? `; the SDK threw: ${String(error)}` : ""}`);
  const [request] = sent;
  const keyId = request.headers["x-ncp-iam-access-key"];
  if (keyId !== pair.id) failRow(row, `signed with key id ${String(keyId)}, expected ${pair.id}`);
  const expected = signatureFor(request, { accessKey: pair.id, secretKey: pair.secret });
  if (request.headers["x-ncp-apigw-signature-v2"] !== expected) failRow(row, "the signature was not made with the paired secret");
}

/** Another section first: a parser that ignores sections picks the wrong pair. */
const twoSections = () => configFile(section("team", TEAM_PAIR) + section("DEFAULT", DEFAULT_PAIR));

/** Both names of one half set to different values: nothing is sent, and the error names both. */
async function expectConflictRefused(row: Row, env: Record<string, string>, names: [string, string]): Promise<void> {
  const { sent, error } = await sendWith({ env });
  if (sent.length > 0) failRow(row, `a request was sent with key id ${String(sent[0].headers["x-ncp-iam-access-key"])}`);
  if (!names.every((name) => String(error).includes(name))) failRow(row, `the error does not name ${names.join(" and ")}: ${String(error)}`);
}

const ROLE_PAIR = { id: ROLE.accessKey, secret: ROLE.secretKey };

/** One check per env var or file key; a row without one fails, so a new row cannot go unchecked. */
const CHECKS: Record<string, (row: Row) => Promise<void>> = {
  NCLOUD_ACCESS_KEY_ID: async (row) => {
    await expectSignedBy(row, { env: { NCLOUD_ACCESS_KEY_ID: TEAM_PAIR.id, NCLOUD_SECRET_ACCESS_KEY: TEAM_PAIR.secret } }, TEAM_PAIR);
    // Either name of each half: Go's README pairs NCLOUD_ACCESS_KEY_ID with NCLOUD_SECRET_KEY.
    await expectSignedBy(row, { env: { NCLOUD_ACCESS_KEY_ID: TEAM_PAIR.id, NCLOUD_SECRET_KEY: TEAM_PAIR.secret } }, TEAM_PAIR);
    const both = { NCLOUD_ACCESS_KEY: DEFAULT_PAIR.id, NCLOUD_ACCESS_KEY_ID: TEAM_PAIR.id, NCLOUD_SECRET_KEY: TEAM_PAIR.secret };
    await expectConflictRefused(row, both, ["NCLOUD_ACCESS_KEY", "NCLOUD_ACCESS_KEY_ID"]);
  },
  NCLOUD_SECRET_ACCESS_KEY: async (row) => {
    await expectSignedBy(row, { env: { NCLOUD_ACCESS_KEY: TEAM_PAIR.id, NCLOUD_SECRET_ACCESS_KEY: TEAM_PAIR.secret } }, TEAM_PAIR);
    const both = { NCLOUD_ACCESS_KEY: TEAM_PAIR.id, NCLOUD_SECRET_KEY: TEAM_PAIR.secret, NCLOUD_SECRET_ACCESS_KEY: DEFAULT_PAIR.secret };
    await expectConflictRefused(row, both, ["NCLOUD_SECRET_KEY", "NCLOUD_SECRET_ACCESS_KEY"]);
  },
  NCLOUD_SERVER_ROLE: async (row) => {
    const before = metadata.requests.length;
    await expectSignedBy(row, { env: { NCLOUD_SERVER_ROLE: "true", NCLOUD_METADATA_API_ENDPOINT: metadata.url } }, ROLE_PAIR);
    await expectSignedBy(row, { serverRole: ROLE.roleName, env: { NCLOUD_METADATA_API_ENDPOINT: metadata.url } }, ROLE_PAIR);
    // Off unless turned on; and the last source: a pair from the environment wins without asking.
    const off = await sendWith({ env: { NCLOUD_METADATA_API_ENDPOINT: metadata.url } });
    if (off.sent.length > 0) failRow(row, "a request was signed with no credential source turned on");
    await expectSignedBy(row, { env: { NCLOUD_SERVER_ROLE: "true", NCLOUD_METADATA_API_ENDPOINT: metadata.url, NCLOUD_ACCESS_KEY: TEAM_PAIR.id, NCLOUD_SECRET_KEY: TEAM_PAIR.secret } }, TEAM_PAIR);
    if (metadata.requests.length - before !== 5) failRow(row, `the metadata API was asked ${metadata.requests.length - before} times, expected 5 (2 + 3 for the role by name)`);
  },
  NCLOUD_METADATA_API_ENDPOINT: (row) => expectSignedBy(row, { env: { NCLOUD_SERVER_ROLE: "true", NCLOUD_METADATA_API_ENDPOINT: metadata.url } }, ROLE_PAIR),
  NCLOUD_METADATA_ENDPOINT: (row) => expectSignedBy(row, { env: { NCLOUD_SERVER_ROLE: "true", NCLOUD_METADATA_ENDPOINT: metadata.url } }, ROLE_PAIR),
  NCLOUD_API_GW: async (row) => {
    // Any other URL replaces every host, as NCLOUD_API_URL does; the explicit endpoint option wins over it.
    await expectSignedBy(row, { endpoint: undefined, env: { NCLOUD_API_GW: recorder.url, NCLOUD_ACCESS_KEY: TEAM_PAIR.id, NCLOUD_SECRET_KEY: TEAM_PAIR.secret } }, TEAM_PAIR);
    // NCP's gateway origins name the site (terraform-provider-ncloud sets them for gov and fin).
    for (const [gateway, host] of [
      ["https://ncloud.apigw.gov-ntruss.com", "https://vpcsearchengine.apigw.gov-ntruss.com"],
      ["https://fin-ncloud.apigw.fin-ntruss.com", "https://fin-vpcsearchengine.apigw.fin-ntruss.com"],
      ["https://ncloud.apigw.ntruss.com", "https://vpcsearchengine.apigw.ntruss.com"],
    ]) {
      const client = new NcloudClient({ env: { NCLOUD_API_GW: gateway } });
      const origin = client.serviceOrigin("searchEngine");
      await client.close();
      if (origin !== host) failRow(row, `NCLOUD_API_GW=${gateway} sends Search Engine calls to ${origin}, not ${host} (ncloud-sdk-go-v2 vses2)`);
    }
  },
  NCLOUD_ACCESS_KEY: (row) => expectSignedBy(row, { env: { NCLOUD_ACCESS_KEY: TEAM_PAIR.id, NCLOUD_SECRET_KEY: TEAM_PAIR.secret } }, TEAM_PAIR),
  NCLOUD_SECRET_KEY: (row) => CHECKS.NCLOUD_ACCESS_KEY(row),
  // DEFAULT first: a parser that takes the first value of a key in any section picks the wrong pair.
  NCLOUD_PROFILE: (row) =>
    expectSignedBy(row, { env: { NCLOUD_PROFILE: "team" }, configFile: configFile(section("DEFAULT", DEFAULT_PAIR) + section("team", TEAM_PAIR)) }, TEAM_PAIR),
  "[DEFAULT]": (row) => expectSignedBy(row, { configFile: twoSections() }, DEFAULT_PAIR),
  ncloud_access_key_id: (row) => expectSignedBy(row, { configFile: configFile(section("DEFAULT", DEFAULT_PAIR)) }, DEFAULT_PAIR),
  ncloud_secret_access_key: (row) => CHECKS.ncloud_access_key_id(row),
  "~/.ncloud/configure": async (row) => {
    if (defaultConfigFilePath() !== join(homedir(), ".ncloud", "configure")) failRow(row, `the SDK reads ${defaultConfigFilePath()}`);
  },
  "[profile]": async (row) => {
    // The named section has only half a pair: an error naming file, section and missing key; never DEFAULT's secret.
    const path = configFile(section("DEFAULT", DEFAULT_PAIR) + section("team", { id: TEAM_PAIR.id }));
    const { sent, error } = await sendWith({ env: { NCLOUD_PROFILE: "team" }, configFile: path });
    if (sent.length > 0) failRow(row, `a request was sent with key id ${String(sent[0].headers["x-ncp-iam-access-key"])}`);
    const message = String(error);
    for (const part of [path, "team", "ncloud_secret_access_key"]) {
      if (!message.includes(part)) failRow(row, `the error does not name ${part}: ${message}`);
    }
  },
  NCLOUD_REGION: async (row) => {
    // Any region code: Sub Account, STS and NSML never refuse one (only Search Engine maps it to a path).
    for (const [site, region] of [["fin", "FKR"], ["gov", "KRS"], ["public", "USWN"], ["public", "SGN"]]) {
      for (const op of OPERATIONS.filter((o) => o.service !== "searchEngine" && o.method === "GET")) {
        const { sent, error } = await sendThrough(recorder, { env: { NCLOUD_REGION: region, NCLOUD_SITE: site } }, (client) => op.invoke(client));
        if (sent.length !== 1) {
          failRow(row, `${op.service} ${op.method} with NCLOUD_REGION=${region} on ${site} sent nothing: ${String(error)}`);
        }
      }
    }
  },
};

test.each(rows.map((row) => [row.id, row] as const))("%s", async (_id, row) => {
  const check = CHECKS[row.name];
  if (!check) failRow(row, "no check for this name in tests/contract/credentials.test.ts");
  await check(row);
});
