/**
 * Server-role credentials through the real Pulumi engine (issue 15 item 10): a stack with no key
 * of its own and `ncloud:serverRole: true` signs with the role of "the NCP server it runs on", here
 * a loopback stand-in for the metadata API reached through NCLOUD_METADATA_API_ENDPOINT (the real
 * metadata address is never sent to). STS GET signed with those temporary credentials answers
 * their secret too, which the state and the outputs hold only as a Pulumi secret.
 */
import { plaintextUnder, secretValues } from "../../scripts/engine/stateScan";
import { type MetadataStandIn, standInRole, startMetadataStandIn } from "../hostile/metadataStandIn";
import { openE2eStack, testProgram, type E2eStack } from "./harness";

jest.setTimeout(180_000);

const role = standInRole("deployer");
let metadata: MetadataStandIn;
let e2e: E2eStack;
let printed = "";
const onOutput = (text: string) => (printed += text);

beforeAll(async () => {
  metadata = await startMetadataStandIn([role]);
  e2e = await openE2eStack({
    program: testProgram("server-role"),
    // No key of the stack's own: the role is the only source.
    config: { "ncloud:accessKey": "", "ncloud:secretKey": "", "ncloud:serverRole": "true" },
    env: { NCLOUD_METADATA_API_ENDPOINT: metadata.url },
  });
  // The role's temporary credentials, as NCP's STS would know them.
  e2e.emulator.state.stsIssued.push({ accessKey: role.accessKey, keySecret: role.secretKey, createTime: "2026-01-01T00:00:00Z", expireTime: role.expiration, useMfa: false });
});
afterAll(async () => {
  await e2e?.close();
  await metadata?.close();
});

test("up signs with the server's role, and the keySecret STS answers is a secret in the outputs and ciphertext in the state", async () => {
  const result = await e2e.stack.up({ onOutput });
  expect(result.summary.resourceChanges).toEqual({ create: 2 });
  expect(result.outputs.accessKey.value).toBe(role.accessKey);
  expect(result.outputs.keySecret).toEqual({ value: role.secretKey, secret: true });
  expect(result.outputs.expireTime.value).toBe(role.expiration);
  expect(metadata.requests).toEqual(["/latest/meta-data/iam/security-credentials/", `/latest/meta-data/iam/security-credentials/${role.roleId}`]);
  expect(e2e.emulator.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(["GET /api/v1/credentials 200"]);
  expect(secretValues(e2e.checkpoint()).notCiphertext).toEqual([]);
  expect(plaintextUnder(e2e.backendDir, [role.secretKey])).toEqual([]);
  expect(printed).not.toContain(role.secretKey);
});

test("destroy sends nothing and leaves no plaintext secret behind", async () => {
  const before = e2e.emulator.requests.length;
  await e2e.stack.destroy({ onOutput });
  expect(e2e.emulator.requests.length).toBe(before);
  expect(plaintextUnder(e2e.backendDir, [role.secretKey])).toEqual([]);
});
