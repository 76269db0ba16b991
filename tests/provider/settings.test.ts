import { clientOptionsFromConfig } from "../../provider/handlers/settings";

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
  ["ncloud:timeoutMs", "30s", /ncloud:timeoutMs must be a whole number of milliseconds per attempt.*got "30s".*pulumi config set ncloud:timeoutMs/],
  ["ncloud:timeoutMs", "0", /ncloud:timeoutMs must be a whole number/],
  ["ncloud:maxAttempts", "2.5", /ncloud:maxAttempts must be a whole number of attempts per call/],
  ["ncloud:maxSocketsPerOrigin", "0", /ncloud:maxSocketsPerOrigin must be a whole number of sockets per origin from 1 to 256.*got "0"/],
  ["ncloud:maxSocketsPerOrigin", "257", /ncloud:maxSocketsPerOrigin must be a whole number of sockets per origin from 1 to 256.*got "257"/],
])("%s = %s fails with what to set", (key, value, message) => {
  expect(() => clientOptionsFromConfig(reader({ [key]: value }))).toThrow(message);
});

test("ncloud:maxResponseBytes and ncloud:allowInsecureHttp become SDK options", () => {
  expect(clientOptionsFromConfig(reader({ "ncloud:maxResponseBytes": "2048", "ncloud:allowInsecureHttp": "true" }))).toEqual({
    maxResponseBytes: 2048,
    allowInsecureHttp: true,
  });
  expect(clientOptionsFromConfig(reader({ "ncloud:allowInsecureHttp": "false" }))).toEqual({ allowInsecureHttp: false });
  expect(() => clientOptionsFromConfig(reader({ "ncloud:allowInsecureHttp": "yes" }))).toThrow(/ncloud:allowInsecureHttp must be true or false/);
  expect(() => clientOptionsFromConfig(reader({ "ncloud:maxResponseBytes": "10MB" }))).toThrow(/whole number of bytes per answer/);
});

test("ncloud:maxSocketsPerOrigin becomes the SDK's socket cap", () => {
  expect(clientOptionsFromConfig(reader({ "ncloud:maxSocketsPerOrigin": "256" }))).toEqual({ maxSocketsPerOrigin: 256 });
});
