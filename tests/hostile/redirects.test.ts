import { NcloudError } from "../../sdk";
import { startEmulator } from "../../sdk/emulator";
import { type Hostile, clientFor, failureOf, hostileHttp } from "./servers";

const SUB = "4e066e50-9c3a-11e7-8a66-1e5021fa7c80";

describe("only 2xx is success: a redirect is an error, never followed, never retried", () => {
  let server: Hostile;
  let status = 301;
  beforeAll(async () => {
    server = await hostileHttp((_req, res) => {
      res.writeHead(status, { location: "https://elsewhere.example:8443/some/path?token=abc", "content-type": "application/json" });
      res.end("{}");
    });
  });
  afterAll(() => server.close());

  test.each([
    [301, "DELETE"],
    [302, "PUT"],
    [307, "DELETE"],
    [308, "PUT"],
    [303, "GET"],
    [307, "POST"],
  ] as const)("%d to a %s fails naming the status and the Location's origin", async (code, method) => {
    status = code;
    const client = clientFor(server.url, { maxAttempts: 3 });
    const before = server.hits;
    try {
      const call =
        method === "DELETE"
          ? client.subAccount.deleteAccessKey(SUB, "AKIDEXAMPLE")
          : method === "PUT"
            ? client.subAccount.setAccessKeyActive(SUB, "AKIDEXAMPLE", false)
            : method === "GET"
              ? client.subAccount.listAccessKeys(SUB)
              : client.subAccount.createAccessKey(SUB);
      const error = await failureOf(call);
      expect(error).toBeInstanceOf(NcloudError);
      expect(error).toMatchObject({ status: code, code: "Redirect", retryable: false });
      expect(error.message).toContain(`(${code})`);
      expect(error.message).toContain("https://elsewhere.example:8443");
      expect(error.message).not.toContain("token=abc");
      // Neither followed (no request elsewhere could be counted, but no second one here either) nor retried.
      expect(server.hits - before).toBe(1);
    } finally {
      await client.close();
    }
  });
});

describe("the emulator's redirect fault", () => {
  test("a DELETE answered 308 does not resolve, and the key stays live", async () => {
    const emulator = await startEmulator();
    const client = clientFor(emulator.url, { accessKey: emulator.accessKey, secretKey: emulator.secretKey, maxAttempts: 3 });
    try {
      const key = await client.subAccount.createAccessKey(SUB);
      emulator.faults.add({ method: "DELETE", kind: "redirect", status: 308 });
      const error = await failureOf(client.subAccount.deleteAccessKey(SUB, key.accessKey));
      expect(error).toMatchObject({ status: 308, code: "Redirect" });
      expect(error.message).toContain("https://redirected.invalid");
      expect(emulator.state.liveKeys(SUB).map((k) => k.accessKey)).toEqual([key.accessKey]);
      expect(emulator.requests.filter((r) => r.method === "DELETE")).toHaveLength(1);
    } finally {
      await client.close();
      await emulator.close();
    }
  });
});
