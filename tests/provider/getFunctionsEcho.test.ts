import * as pulumi from "@pulumi/pulumi";
import { getNsmlAuthKeys, getStsCredentials, getSubAccountAccessKeys } from "../../provider";
import { printed } from "../hostile/servers";
import { ECHO_MARKER, ECHO_SHAPES, type SecretEcho, leaksIn, startSecretEcho } from "../hostile/secretEcho";

/*
 * Every secret redacted on every path, for the get functions (issue 15 item 5). They run in the
 * user's program, not in the provider host (tests/engine/everySecretEveryPath.test.ts covers the
 * resources there), with the same `ncloud:*` stack config. An NCP stand-in answers each call with an
 * error quoting back one secret the call or the config holds, in each shape NCP's layers answer
 * errors in; whatever the program could print of the error holds none of them. The Output forms
 * (getStsCredentialsOutput, ...) call these.
 */
const CONFIG_SECRET_KEY = "cfg-secret-key-SENTINEL-get-1a2b3c";
const CONFIG_API_KEY = "cfg-api-key-SENTINEL-get-4d5e6f";
const NSML_API_KEY = "nsml-api-key-SENTINEL-get-7a8b9c";
const TOKEN_CODE = 975312;

let server: SecretEcho;
beforeAll(async () => {
  server = await startSecretEcho();
  pulumi.runtime.setAllConfig(
    { "ncloud:accessKey": "ncp_iam_CONFIGxAccessKey012", "ncloud:secretKey": CONFIG_SECRET_KEY, "ncloud:apiKey": CONFIG_API_KEY, "ncloud:apiUrl": server.url, "ncloud:maxAttempts": "1" },
    ["ncloud:secretKey", "ncloud:apiKey"],
  );
});
afterAll(() => server.close());

interface Call {
  name: string;
  /** Secrets the call's arguments hold, besides the config's. */
  held: string[];
  run(): Promise<unknown>;
}

const CALLS: Call[] = [
  { name: "getStsCredentials() (GET)", held: [], run: () => getStsCredentials() },
  {
    name: "getStsCredentials({durationSec, serialNumber, tokenCode}) (POST)",
    held: [String(TOKEN_CODE)],
    run: () => getStsCredentials({ durationSec: 900, serialNumber: "nrn:PUB:IAM::1:MfaDevice/echo", tokenCode: TOKEN_CODE }),
  },
  { name: "getNsmlAuthKeys({apiKey})", held: [NSML_API_KEY], run: () => getNsmlAuthKeys({ apiKey: NSML_API_KEY, title: "ci" }) },
  { name: "getNsmlAuthKeys() (ncloud:apiKey)", held: [], run: () => getNsmlAuthKeys() },
  { name: "getSubAccountAccessKeys", held: [], run: () => getSubAccountAccessKeys({ subAccountId: "4e066e50-9c3a-11e7-8a66-1e5021fa7c80" }) },
];

const cases = CALLS.flatMap((call) =>
  [CONFIG_SECRET_KEY, CONFIG_API_KEY, "signature", ...call.held].flatMap((secret) => ECHO_SHAPES.map((shape) => [call.name, secret, shape, call] as const)),
);

test.each(cases)("%s, NCP quoting %s (%s error): the error holds it redacted", async (_name, secret, shape, call) => {
  server.echo(secret, shape);
  const before = server.received.length;
  const error = await call.run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  expect(server.received.length).toBeGreaterThan(before);
  const text = printed([error]);
  expect(text).toMatch(new RegExp(`${ECHO_MARKER}|\\[REDACTED\\]`));
  const signatures = server.received.map((r) => String(r.headers["x-ncp-apigw-signature-v2"]));
  expect(leaksIn(text, [CONFIG_SECRET_KEY, CONFIG_API_KEY, NSML_API_KEY, String(TOKEN_CODE), ...signatures])).toEqual([]);
});
