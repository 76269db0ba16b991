import type { HandlerKind } from "../../provider/handlers/kinds";
import { ECHO_MARKER, ECHO_SHAPES, type EchoAnswer, type ReceivedRequest, type SecretEcho, leaksIn, startSecretEcho } from "../hostile/secretEcho";
import { hostEnvironment } from "./ncloudStack";
import { ProviderHostError, dynamicType, providerKey, startProviderHost, urn, type ProviderHost, type WireObject } from "./providerHost";
import { serializedShim } from "./serializeProvider";
import { userProjectDir } from "./userProject";

/*
 * Every secret redacted on every path (issue 15 item 5). Every operation of every kind, through the
 * real dynamic-provider host over gRPC as `pulumi up` / `refresh` / `destroy` drive it, against an
 * NCP stand-in that answers each request with an error quoting back a secret the resource or the
 * provider's config holds (and the request it received), in each shape NCP's layers answer errors
 * in. What the user sees (the gRPC error `pulumi` prints, init-failure reasons, check failures,
 * diff results, everything the host printed) must hold none of them, in any encoding.
 */
const CONFIG_SECRET_KEY = "cfg-secret-key-SENTINEL-1a2b3c4d";
const CONFIG_API_KEY = "cfg-api-key-SENTINEL-5e6f7a8b";
/** A SubAccountAccessKey's keySecret, in state. */
const KEY_SECRET = "key-secret-SENTINEL-9c0d1e2f3a";
/** The keySecret NCP answers a create with. */
const NEW_KEY_SECRET = "new-key-secret-SENTINEL-4b5c6d7e";
/** A SearchSnapshotAuthKey's secretKey in state, and the one an update sets. */
const SNAPSHOT_SECRET = "snapshot-secret-SENTINEL-8f9a0b1c";
const NEXT_SNAPSHOT_SECRET = "next-snapshot-secret-SENTINEL-2d3e";
/** Temporary STS credentials' keySecret, in state. */
const STS_SECRET = "sts-secret-SENTINEL-2d3e4f5a6b";
/** A NsmlAuthKeys' own apiKey argument. */
const NSML_API_KEY = "nsml-api-key-SENTINEL-7c8d9e0f";
/** An MFA one-time code: within its window it is a second factor. */
const TOKEN_CODE = 246813;

const SENTINELS = [CONFIG_SECRET_KEY, CONFIG_API_KEY, KEY_SECRET, NEW_KEY_SECRET, SNAPSHOT_SECRET, NEXT_SNAPSHOT_SECRET, STS_SECRET, NSML_API_KEY, String(TOKEN_CODE)];

const SUB = "4e066e50-9c3a-11e7-8a66-1e5021fa7c80";
const ACCESS_KEY = "ncp_iam_BPASKR0123456789ABC";
const TYPE_NAMES: Record<HandlerKind, string> = {
  subAccountAccessKey: "SubAccountAccessKey",
  searchSnapshotAuthKey: "SearchSnapshotAuthKey",
  stsCredentials: "StsCredentials",
  nsmlAuthKeys: "NsmlAuthKeys",
};

let server: SecretEcho;
let host: ProviderHost;
const providers = new Map<HandlerKind, string>();

beforeAll(async () => {
  server = await startSecretEcho();
  // A create whose POST gets an error answer is a lost create: its cleanup gives NCP one more
  // timeout before its last look, so the timeout is short and the call's deadline long.
  host = await startProviderHost({ cwd: userProjectDir(), env: hostEnvironment(), callTimeoutMs: 30_000 });
  await host.configure(
    {
      "ncloud:accessKey": "ncp_iam_CONFIGxAccessKey012",
      "ncloud:secretKey": CONFIG_SECRET_KEY,
      "ncloud:apiKey": CONFIG_API_KEY,
      "ncloud:apiUrl": server.url,
      "ncloud:maxAttempts": "1",
      "ncloud:timeoutMs": "1000",
    },
    { secretKeys: ["ncloud:secretKey", "ncloud:apiKey"] },
  );
  for (const kind of Object.keys(TYPE_NAMES) as HandlerKind[]) providers.set(kind, await serializedShim(kind));
});
let closed = false;
afterAll(async () => {
  if (!closed) await host?.close();
  await server?.close();
});

const urnOf = (kind: HandlerKind) => urn(dynamicType("ncloud", TYPE_NAMES[kind]), "echoed");
const withProvider = (kind: HandlerKind, props: WireObject): WireObject => ({ ...props, [providerKey]: providers.get(kind)! });

/** One operation of one kind, as the engine sends it. */
interface Operation {
  name: string;
  /** The resource's own secrets (in its inputs or state, or made by the operation): what NCP could quote back. */
  held: string[];
  /** Answers a request before the echo does (a step that succeeds before the one that fails). */
  script?: (request: ReceivedRequest) => EchoAnswer | undefined;
  run(): Promise<unknown>;
}

const keyState = (kind: HandlerKind, props: WireObject) => withProvider(kind, props);
const accessKeyState: WireObject = { subAccountId: SUB, accessKey: ACCESS_KEY, keySecret: KEY_SECRET, active: true, createTime: "2026-01-02T03:04:05Z" };
const snapshotState: WireObject = { serviceGroupInstanceNo: "1531843", accessKeyId: ACCESS_KEY, secretKey: SNAPSHOT_SECRET, region: "KR", verify: true, requestId: "r-1", updatedAt: "2026-01-02T03:04:05Z" };
const snapshotInputs: WireObject = { serviceGroupInstanceNo: "1531843", accessKeyId: ACCESS_KEY, secretKey: SNAPSHOT_SECRET, verify: true };
const temporaryStsState: WireObject = {
  durationSec: 900, serialNumber: "nrn:PUB:IAM::1:MfaDevice/echo", tokenCode: TOKEN_CODE, renewBefore: 600,
  accessKey: "ncp_iam_STSTMP0123456789AB", keySecret: STS_SECRET, createTime: "2026-01-02T03:04:05Z", expireTime: "2026-01-02T03:19:05Z", useMfa: true,
};
const ownStsState: WireObject = { renewBefore: 600, accessKey: "ncp_iam_CONFIGxAccessKey012", createTime: "2026-01-02T03:04:05Z" };
const nsmlState: WireObject = { apiKey: NSML_API_KEY, title: "ci", keys: [], totalCount: 0 };

const created = (request: ReceivedRequest): EchoAnswer | undefined =>
  request.method === "POST" && request.path.endsWith("/access-keys")
    ? { status: 201, body: { accessKey: "ncp_iam_NEWKEY0123456789AB", keySecret: NEW_KEY_SECRET, createTime: "2026-01-02T03:04:05Z" } }
    : undefined;
const keySet = (request: ReceivedRequest): EchoAnswer | undefined =>
  request.path.includes("/updateAPIAuthenticationKey/") ? { status: 200, body: { code: 0, message: "SUCCESS", result: true, requestId: "r-2" } } : undefined;

/** Operations that send requests: each is run once per secret and answer shape. */
const SENDING: Operation[] = [
  { name: "SubAccountAccessKey create", held: [], run: () => host.create(urnOf("subAccountAccessKey"), keyState("subAccountAccessKey", { subAccountId: SUB, active: true })) },
  {
    name: "SubAccountAccessKey create (inactive: the key is made, deactivating it fails)",
    held: [NEW_KEY_SECRET],
    script: created,
    run: () => host.create(urnOf("subAccountAccessKey"), keyState("subAccountAccessKey", { subAccountId: SUB, active: false })),
  },
  { name: "SubAccountAccessKey read", held: [KEY_SECRET], run: () => host.read(ACCESS_KEY, urnOf("subAccountAccessKey"), keyState("subAccountAccessKey", accessKeyState)) },
  {
    name: "SubAccountAccessKey update",
    held: [KEY_SECRET],
    run: () => host.update(ACCESS_KEY, urnOf("subAccountAccessKey"), keyState("subAccountAccessKey", accessKeyState), keyState("subAccountAccessKey", { subAccountId: SUB, active: false })),
  },
  { name: "SubAccountAccessKey delete", held: [KEY_SECRET], run: () => host.delete(ACCESS_KEY, urnOf("subAccountAccessKey"), keyState("subAccountAccessKey", accessKeyState)) },
  { name: "SearchSnapshotAuthKey create", held: [SNAPSHOT_SECRET], run: () => host.create(urnOf("searchSnapshotAuthKey"), keyState("searchSnapshotAuthKey", snapshotInputs)) },
  {
    name: "SearchSnapshotAuthKey create (the key is set, verifying it fails)",
    held: [SNAPSHOT_SECRET],
    script: keySet,
    run: () => host.create(urnOf("searchSnapshotAuthKey"), keyState("searchSnapshotAuthKey", snapshotInputs)),
  },
  { name: "SearchSnapshotAuthKey read", held: [SNAPSHOT_SECRET], run: () => host.read("1531843", urnOf("searchSnapshotAuthKey"), keyState("searchSnapshotAuthKey", snapshotState)) },
  {
    name: "SearchSnapshotAuthKey update",
    held: [SNAPSHOT_SECRET, NEXT_SNAPSHOT_SECRET],
    run: () =>
      host.update("1531843", urnOf("searchSnapshotAuthKey"), keyState("searchSnapshotAuthKey", snapshotState), keyState("searchSnapshotAuthKey", { ...snapshotInputs, secretKey: NEXT_SNAPSHOT_SECRET })),
  },
  { name: "StsCredentials create (own credentials, GET)", held: [], run: () => host.create(urnOf("stsCredentials"), keyState("stsCredentials", { renewBefore: 600 })) },
  {
    name: "StsCredentials create (temporary, POST with an MFA code)",
    held: [String(TOKEN_CODE)],
    run: () => host.create(urnOf("stsCredentials"), keyState("stsCredentials", { durationSec: 900, serialNumber: "nrn:PUB:IAM::1:MfaDevice/echo", tokenCode: TOKEN_CODE, renewBefore: 600 })),
  },
  { name: "StsCredentials read (own credentials)", held: [], run: () => host.read(String(ownStsState.accessKey), urnOf("stsCredentials"), keyState("stsCredentials", ownStsState)) },
  { name: "NsmlAuthKeys create", held: [NSML_API_KEY], run: () => host.create(urnOf("nsmlAuthKeys"), keyState("nsmlAuthKeys", { apiKey: NSML_API_KEY, title: "ci" })) },
  { name: "NsmlAuthKeys create (ncloud:apiKey)", held: [], run: () => host.create(urnOf("nsmlAuthKeys"), keyState("nsmlAuthKeys", { title: "ci" })) },
  { name: "NsmlAuthKeys read", held: [NSML_API_KEY], run: () => host.read("nsml-auth-keys:ci", urnOf("nsmlAuthKeys"), keyState("nsmlAuthKeys", nsmlState)) },
  {
    name: "NsmlAuthKeys update",
    held: [NSML_API_KEY],
    run: () => host.update("nsml-auth-keys:ci", urnOf("nsmlAuthKeys"), keyState("nsmlAuthKeys", nsmlState), keyState("nsmlAuthKeys", { apiKey: NSML_API_KEY, title: "ci" })),
  },
];

/** Operations that send nothing (check, diff, and what only forgets): run once each, with the secrets in their arguments. */
const SILENT: Operation[] = [
  { name: "SubAccountAccessKey check", held: [], run: () => host.check(urnOf("subAccountAccessKey"), {}, keyState("subAccountAccessKey", { subAccountId: "a/b", keepers: { k: KEY_SECRET } })) },
  { name: "SubAccountAccessKey diff", held: [], run: () => host.diff(ACCESS_KEY, urnOf("subAccountAccessKey"), keyState("subAccountAccessKey", accessKeyState), keyState("subAccountAccessKey", { subAccountId: SUB, active: false })) },
  { name: "SearchSnapshotAuthKey check", held: [], run: () => host.check(urnOf("searchSnapshotAuthKey"), {}, keyState("searchSnapshotAuthKey", { ...snapshotInputs, serviceGroupInstanceNo: "no" })) },
  { name: "SearchSnapshotAuthKey diff", held: [], run: () => host.diff("1531843", urnOf("searchSnapshotAuthKey"), keyState("searchSnapshotAuthKey", snapshotState), keyState("searchSnapshotAuthKey", { ...snapshotInputs, secretKey: NEXT_SNAPSHOT_SECRET })) },
  { name: "SearchSnapshotAuthKey delete", held: [], run: () => host.delete("1531843", urnOf("searchSnapshotAuthKey"), keyState("searchSnapshotAuthKey", snapshotState)) },
  { name: "StsCredentials check", held: [], run: () => host.check(urnOf("stsCredentials"), {}, keyState("stsCredentials", { durationSec: 60, serialNumber: "nrn:PUB:IAM::1:MfaDevice/echo", tokenCode: TOKEN_CODE })) },
  { name: "StsCredentials diff", held: [], run: () => host.diff(String(temporaryStsState.accessKey), urnOf("stsCredentials"), keyState("stsCredentials", temporaryStsState), keyState("stsCredentials", { durationSec: 900, serialNumber: "nrn:PUB:IAM::1:MfaDevice/echo", tokenCode: 135790, renewBefore: 600 })) },
  { name: "StsCredentials read (temporary: kept from state)", held: [], run: () => host.read(String(temporaryStsState.accessKey), urnOf("stsCredentials"), keyState("stsCredentials", temporaryStsState)) },
  { name: "StsCredentials update", held: [], run: () => host.update(String(temporaryStsState.accessKey), urnOf("stsCredentials"), keyState("stsCredentials", temporaryStsState), keyState("stsCredentials", { ...temporaryStsState, renewBefore: 300 })) },
  { name: "StsCredentials delete", held: [], run: () => host.delete(String(temporaryStsState.accessKey), urnOf("stsCredentials"), keyState("stsCredentials", temporaryStsState)) },
  { name: "NsmlAuthKeys check", held: [], run: () => host.check(urnOf("nsmlAuthKeys"), {}, keyState("nsmlAuthKeys", { apiKey: NSML_API_KEY, title: "1-bad--title" })) },
  { name: "NsmlAuthKeys diff", held: [], run: () => host.diff("nsml-auth-keys:ci", urnOf("nsmlAuthKeys"), keyState("nsmlAuthKeys", nsmlState), keyState("nsmlAuthKeys", { apiKey: CONFIG_API_KEY, title: "ci" })) },
  { name: "NsmlAuthKeys delete", held: [], run: () => host.delete("nsml-auth-keys:ci", urnOf("nsmlAuthKeys"), keyState("nsmlAuthKeys", nsmlState)) },
];

/** Every secret to look for: the sentinels and every signature any request carried. */
function everySecret(): string[] {
  return [...SENTINELS, ...server.received.map((r) => String(r.headers["x-ncp-apigw-signature-v2"]))];
}

/** What a user sees of an outcome: the error `pulumi` prints and its init-failure reasons, or the result. */
function seen(outcome: { error?: unknown; value?: unknown }): string {
  if (outcome.error instanceof ProviderHostError) return [outcome.error.message, ...(outcome.error.initFailure?.reasons ?? [])].join("\n");
  if (outcome.error !== undefined) return String(outcome.error);
  // A check's inputs echo what was sent; its failures and a diff's lists are what the provider said.
  const value = outcome.value as Record<string, unknown>;
  return JSON.stringify({ failures: value?.failures, replaces: value?.replaces, diffs: value?.diffs, stables: value?.stables });
}

async function outcomeOf(operation: Operation): Promise<{ error?: unknown; value?: unknown }> {
  return operation.run().then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

const echoed = (operation: Operation) => [["ncloud:secretKey", CONFIG_SECRET_KEY], ["ncloud:apiKey", CONFIG_API_KEY], ["the request signature", "signature"], ...operation.held.map((s) => [`its own ${s.split("-SENTINEL")[0]}`, s])];
const sendingCases = SENDING.flatMap((operation) =>
  echoed(operation).flatMap(([label, secret]) => ECHO_SHAPES.map((shape) => [operation.name, label, shape, operation, secret] as const)),
);

describe("an NCP answer quoting a secret back", () => {
  test.each(sendingCases)("%s, quoting %s (%s error): the user sees it redacted", async (_name, _label, shape, operation, secret) => {
    server.echo(secret, shape, operation.script);
    const before = server.received.length;
    const outcome = await outcomeOf(operation);
    expect(outcome.error).toBeInstanceOf(ProviderHostError);
    expect(server.received.length).toBeGreaterThan(before);
    const text = seen(outcome);
    // The answer's text reached the user (else this test could not fail), minus the secrets.
    expect(text).toMatch(new RegExp(`${ECHO_MARKER}|\\[REDACTED\\]`));
    expect(leaksIn(text, everySecret())).toEqual([]);
  });
});

describe("operations that send nothing", () => {
  test.each(SILENT.map((operation) => [operation.name, operation] as const))("%s: nothing sent, no secret in what it answers", async (_name, operation) => {
    const before = server.received.length;
    const outcome = await outcomeOf(operation);
    expect(server.received.length).toBe(before);
    expect(leaksIn(seen(outcome), everySecret())).toEqual([]);
  });
});

test("everything the host printed (its own error logs with stacks, NCP's warnings) holds no secret", async () => {
  await host.close();
  closed = true;
  const output = host.output();
  expect(output).toMatch(/NcloudError|Error:/);
  expect(leaksIn(output, everySecret())).toEqual([]);
});
