import { INVALID_INPUT } from "../../sdk";
import { clientFor, failureOf, hostileHttp, printed } from "./servers";

const SUB = "4e066e50-9c3a-11e7-8a66-1e5021fa7c80";

describe("header values are checked before anything is sent", () => {
  test.each([
    ["accessKey", { accessKey: "AKID\r\nX-Injected: 1" }],
    ["accessKey", { accessKey: "AKID\u0000tail" }],
    ["secretKey", { secretKey: "secret\nwith-a-line-break-inside" }],
    ["apiKey", { apiKey: "api-key\rsplit" }],
  ])("a control character in %s is an input error naming it: nothing sent, not retried, not outcomeUnknown", async (field, options) => {
    const server = await hostileHttp((_req, res) => res.end("{}"));
    const client = clientFor(server.url, { maxAttempts: 3, ...options });
    try {
      const call = field === "apiKey" ? client.nsml.listAuthKeys() : client.subAccount.createAccessKey(SUB);
      const error = await failureOf(call);
      expect(error).toMatchObject({ code: INVALID_INPUT, outcomeUnknown: false, retryable: false, status: undefined });
      expect(error.message).toContain(`invalid ${field}`);
      expect(error.message).toContain("control character");
      expect(server.hits).toBe(0);
      // The value itself is never quoted.
      const value = Object.values(options)[0];
      expect(printed([error])).not.toContain(value.split(/\s+/).join("").replace(String.fromCharCode(0), "").slice(-6));
    } finally {
      await client.close();
      await server.close();
    }
  });

  test("a per-call NSML apiKey is checked too", async () => {
    const server = await hostileHttp((_req, res) => res.end("{}"));
    const client = clientFor(server.url);
    try {
      const error = await failureOf(client.nsml.listAuthKeys({ apiKey: "per-call\nkey-value" }));
      expect(error).toMatchObject({ code: INVALID_INPUT });
      expect(error.message).toContain("apiKey");
      expect(server.hits).toBe(0);
    } finally {
      await client.close();
      await server.close();
    }
  });
});

describe("every request says Content-Type: application/json", () => {
  test("GET, POST, PUT and DELETE alike (STS documents it as required)", async () => {
    const server = await hostileHttp((req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(req.method === "GET" ? "[]" : JSON.stringify({ accessKey: "AK", keySecret: "KS-123456789", createTime: "t", success: true }));
    });
    const client = clientFor(server.url);
    try {
      await client.subAccount.listAccessKeys(SUB);
      await client.subAccount.createAccessKey(SUB);
      await client.subAccount.setAccessKeyActive(SUB, "AK", false);
      await client.subAccount.deleteAccessKey(SUB, "AK");
      expect(server.requests.map((r) => [r.method, r.headers["content-type"]])).toEqual([
        ["GET", "application/json"],
        ["POST", "application/json"],
        ["PUT", "application/json"],
        ["DELETE", "application/json"],
      ]);
    } finally {
      await client.close();
      await server.close();
    }
  });
});
