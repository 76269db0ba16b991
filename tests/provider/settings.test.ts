import { checkedClientOptions, clientOptionsFromConfig, unknownConfigKeyWarning, unknownConfigKeys } from "../../provider/handlers/settings";

const reader = (values: Record<string, string>) => (key: string) => values[key];

test("stack config becomes client options; unset and empty keys are left to the environment chain", () => {
  expect(
    clientOptionsFromConfig(reader({ "ncloud:accessKey": "AK", "ncloud:apiUrl": "http://127.0.0.1:1", "ncloud:region": "", "ncloud:timeoutMs": "2500", "ncloud:maxAttempts": "5" })),
  ).toEqual({ accessKey: "AK", endpoint: "http://127.0.0.1:1", timeoutMs: 2500, maxAttempts: 5 });
});

test("ncloud:endpoints (JSON map of service to URL) and ncloud:profile reach the client", () => {
  expect(
    clientOptionsFromConfig(reader({ "ncloud:endpoints": '{"sts":"https://sts.example.com/x","nsml":""}', "ncloud:profile": "team-a" })),
  ).toEqual({ endpoints: { sts: "https://sts.example.com" }, profile: "team-a" });
});

test("an unknown service in ncloud:endpoints fails naming the key and the valid names", () => {
  expect(() => clientOptionsFromConfig(reader({ "ncloud:endpoints": '{"iam":"https://x"}' }))).toThrow(
    /invalid ncloud:endpoints\.iam: "iam" is not a service name\. Fix: use one of subAccount, sts, nsml, searchEngine/,
  );
});

test.each([
  ["ncloud:timeoutMs", "30s", /ncloud:timeoutMs must be a whole number of milliseconds per attempt from 1 to 600000; got "30s"\. Fix: pulumi config set ncloud:timeoutMs 30000/],
  ["ncloud:timeoutMs", "0", /ncloud:timeoutMs must be a whole number/],
  // Past Node's timer limit (2^31-1 ms) a deadline fires at once.
  ["ncloud:timeoutMs", "2147483648", /ncloud:timeoutMs must be a whole number of milliseconds per attempt from 1 to 600000/],
  ["ncloud:timeoutMs", "1e4", /ncloud:timeoutMs must be a whole number/],
  ["ncloud:timeoutMs", "0x10", /ncloud:timeoutMs must be a whole number/],
  ["ncloud:maxAttempts", "2.5", /ncloud:maxAttempts must be a whole number of attempts per call/],
  ["ncloud:maxSocketsPerOrigin", "0", /ncloud:maxSocketsPerOrigin must be a whole number of sockets per origin from 1 to 256.*got "0"/],
  ["ncloud:maxSocketsPerOrigin", "257", /ncloud:maxSocketsPerOrigin must be a whole number of sockets per origin from 1 to 256.*got "257"/],
  ["ncloud:maxAttempts", "1000000", /ncloud:maxAttempts must be a whole number of attempts per call from 1 to 10/],
  ["ncloud:retryBaseMs", "0", /ncloud:retryBaseMs must be a whole number of milliseconds of backoff base from 1 to 60000; got "0"\. Fix: pulumi config set ncloud:retryBaseMs 200/],
  ["ncloud:maxResponseBytes", "1099511627776", /ncloud:maxResponseBytes must be a whole number of bytes per answer from 1 to 268435456/],
  ["ncloud:site", "europe", /invalid site: "europe" is not a known NCP site\. Fix: set ncloud:site to public, gov or fin/],
])("%s = %s fails with what to set", (key, value, message) => {
  expect(() => clientOptionsFromConfig(reader({ [key]: value }))).toThrow(message);
});

test("ncloud:maxResponseBytes and ncloud:allowInsecureHttp become SDK options", () => {
  expect(clientOptionsFromConfig(reader({ "ncloud:maxResponseBytes": "2048", "ncloud:allowInsecureHttp": "true" }))).toEqual({
    maxResponseBytes: 2048,
    allowInsecureHttp: true,
  });
  expect(clientOptionsFromConfig(reader({ "ncloud:allowInsecureHttp": "false" }))).toEqual({ allowInsecureHttp: false });
  expect(clientOptionsFromConfig(reader({ "ncloud:allowInsecureHttp": "1" }))).toEqual({ allowInsecureHttp: true });
  expect(clientOptionsFromConfig(reader({ "ncloud:allowInsecureHttp": "FALSE" }))).toEqual({ allowInsecureHttp: false });
  expect(() => clientOptionsFromConfig(reader({ "ncloud:allowInsecureHttp": "yes" }))).toThrow(
    'ncloud:allowInsecureHttp must be true, false, 1 or 0 (any case); got "yes". Fix: pulumi config set ncloud:allowInsecureHttp false',
  );
  expect(() => clientOptionsFromConfig(reader({ "ncloud:maxResponseBytes": "10MB" }))).toThrow(/whole number of bytes per answer/);
});

test("ncloud:retryBaseMs becomes the SDK's backoff base", () => {
  expect(clientOptionsFromConfig(reader({ "ncloud:retryBaseMs": "5" }))).toEqual({ retryBaseMs: 5 });
});

test("ncloud:maxSocketsPerOrigin becomes the SDK's socket cap", () => {
  expect(clientOptionsFromConfig(reader({ "ncloud:maxSocketsPerOrigin": "256" }))).toEqual({ maxSocketsPerOrigin: 256 });
});

test("configure's check reads the NCLOUD_* variables the SDK will read, naming the one that is wrong", () => {
  expect(() => checkedClientOptions(reader({}), { NCLOUD_DEBUG: "yes" })).toThrow(/NCLOUD_DEBUG must be true, false, 1 or 0/);
  expect(() => checkedClientOptions(reader({}), { NCLOUD_SITE: "eu" })).toThrow(/set NCLOUD_SITE to public, gov or fin/);
  expect(checkedClientOptions(reader({ "ncloud:site": "GOV" }), { NCLOUD_DEBUG: "0" })).toEqual({ site: "gov" });
});

describe("unknown ncloud:* stack config keys", () => {
  test("each is named with the closest key the provider reads; other namespaces and known keys are left alone", () => {
    const keys = ["ncloud:regoin", "ncloud:region", "aws:region", "project:apiUrl", "ncloud:apiurl", "ncloud:timeout", "ncloud:secretkey", "ncloud:supportVpc"];
    expect(unknownConfigKeys(keys)).toEqual([
      { key: "ncloud:regoin", closest: "ncloud:region" },
      { key: "ncloud:apiurl", closest: "ncloud:apiUrl" },
      { key: "ncloud:timeout", closest: "ncloud:timeoutMs" },
      { key: "ncloud:secretkey", closest: "ncloud:secretKey" },
      { key: "ncloud:supportVpc", closest: expect.stringMatching(/^ncloud:/) },
    ]);
  });

  test("the warning says it is ignored, names the closest key and how to move the value (--secret for a secret)", () => {
    expect(unknownConfigKeyWarning({ key: "ncloud:regoin", closest: "ncloud:region" })).toBe(
      "stack config ncloud:regoin is not a setting of pulumi-ncloud-keys, so it is ignored: did you mean ncloud:region? " +
        "Fix: pulumi config rm ncloud:regoin, then pulumi config set ncloud:region <value> (leave it if another package reads it)",
    );
    expect(unknownConfigKeyWarning({ key: "ncloud:secretkey", closest: "ncloud:secretKey" })).toContain("pulumi config set --secret ncloud:secretKey <value>");
  });

  test("a very long key is compared by its start, in bounded work", () => {
    expect(unknownConfigKeys([`ncloud:regoin${"x".repeat(100_000)}`])).toEqual([{ key: expect.stringMatching(/^ncloud:regoin/), closest: expect.stringMatching(/^ncloud:/) }]);
  });
});
