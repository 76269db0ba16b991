import dns from "node:dns";
import type { LookupFunction } from "node:net";
import { inspect } from "node:util";
import { Agent } from "undici";
import { INVALID_INPUT, NcloudClient } from "../../sdk";
import { clientFor, failureOf, hostileHttp, printed } from "./servers";

/*
 * Plain http only to loopback. The non-loopback name below resolves, through a stubbed lookup, to
 * a loopback server: nothing leaves the machine, and the server counts whether it was reached.
 */
const REMOTE = "ncp-gateway.example.test";

function stubLookup(address: string): { lookup: LookupFunction; names: string[] } {
  const names: string[] = [];
  const lookup = ((hostname: string, options: unknown, callback: (...args: unknown[]) => void) => {
    names.push(hostname);
    if ((options as { all?: boolean }).all) callback(null, [{ address, family: 4 }]);
    else callback(null, address, 4);
  }) as unknown as LookupFunction;
  return { lookup, names };
}

describe("plain http to a host that is not loopback", () => {
  const ok = JSON.stringify({ accessKey: "AK", createTime: "2024-01-01T00:00:00Z" });

  // Through the client's own pools a name is judged by what it resolves to: loopbackRule.test.ts.
  test("through a dispatcher of the caller's, is refused before any lookup or connection, saying why and how to opt in", async () => {
    const server = await hostileHttp((_req, res) => res.end(ok));
    const { lookup, names } = stubLookup("127.0.0.1");
    const dispatcher = new Agent({ connect: { lookup } });
    const dnsLookup = jest.spyOn(dns, "lookup");
    const client = clientFor(`http://${REMOTE}:${server.port}`, { dispatcher });
    try {
      const error = await failureOf(client.sts.getCredentials());
      expect(error).toMatchObject({ code: INVALID_INPUT, outcomeUnknown: false, retryable: false });
      expect(error.message).toContain("endpoint");
      expect(error.message).toMatch(/in clear/);
      expect(error.message).toContain("NCLOUD_ALLOW_INSECURE_HTTP");
      expect(error.message).toContain("with a dispatcher of your own the client cannot see where the name resolves");
      expect(names).toEqual([]);
      expect(dnsLookup).not.toHaveBeenCalled();
      expect(server.hits).toBe(0);
    } finally {
      dnsLookup.mockRestore();
      await client.close();
      await dispatcher.close();
      await server.close();
    }
  });

  test.each([
    ["the allowInsecureHttp option", { allowInsecureHttp: true }],
    ["NCLOUD_ALLOW_INSECURE_HTTP=1", { env: { NCLOUD_ALLOW_INSECURE_HTTP: "1" } }],
  ])("is sent when the user opts in with %s", async (_name, options) => {
    const server = await hostileHttp((_req, res) => res.end(ok));
    const { lookup, names } = stubLookup("127.0.0.1");
    const dispatcher = new Agent({ connect: { lookup } });
    const client = clientFor(`http://${REMOTE}:${server.port}`, { dispatcher, ...options });
    try {
      await expect(client.sts.getCredentials()).resolves.toMatchObject({ accessKey: "AK" });
      expect(names).toEqual([REMOTE]);
      expect(server.hits).toBe(1);
    } finally {
      await client.close();
      await dispatcher.close();
      await server.close();
    }
  });

  test.each(["no", "off", "yes", "enabled", "2"])("NCLOUD_ALLOW_INSECURE_HTTP=%s is refused by name, and nothing is sent", async (word) => {
    const server = await hostileHttp((_req, res) => res.end(ok));
    const { lookup, names } = stubLookup("127.0.0.1");
    const dispatcher = new Agent({ connect: { lookup } });
    const client = clientFor(`http://${REMOTE}:${server.port}`, { dispatcher, env: { NCLOUD_ALLOW_INSECURE_HTTP: word } });
    try {
      const error = await failureOf(client.sts.getCredentials());
      expect(error).toMatchObject({ code: INVALID_INPUT });
      expect(error.message).toContain(`NCLOUD_ALLOW_INSECURE_HTTP must be true, false, 1 or 0 (any case); got "${word}"`);
      expect(names).toEqual([]);
      expect(server.hits).toBe(0);
    } finally {
      await client.close();
      await dispatcher.close();
      await server.close();
    }
  });

  test.each(["http://127.0.0.1:PORT", "http://127.1.2.3:PORT", "http://localhost:PORT", "http://[::1]:PORT"])(
    "loopback %s is fine without opting in",
    async (template) => {
      const server = await hostileHttp((_req, res) => res.end(ok));
      // The server listens on 127.0.0.1 only: route every loopback form there.
      const { lookup } = stubLookup("127.0.0.1");
      const dispatcher = new Agent({ connect: { lookup } });
      const client = clientFor(template.replace("PORT", String(server.port)), { dispatcher });
      try {
        const result = await client.sts.getCredentials().then(
          (value) => value,
          (error: Error) => error,
        );
        // ::1 and 127.1.2.3 may not reach a server bound to 127.0.0.1; what matters is no refusal.
        if (result instanceof Error) expect(result).not.toMatchObject({ code: INVALID_INPUT });
        else expect(result).toMatchObject({ accessKey: "AK" });
      } finally {
        await client.close();
        await dispatcher.close();
        await server.close();
      }
    },
  );
});

describe("credentials in the endpoint URL", () => {
  test("are refused before sending and never shown", async () => {
    const server = await hostileHttp((_req, res) => res.end("{}"));
    const password = "endpoint-password-s3cr3t";
    const client = new NcloudClient({
      endpoint: `http://admin:${password}@127.0.0.1:${server.port}`,
      accessKey: "AK",
      secretKey: "secret-key-123456",
      env: {},
    });
    try {
      const error = await failureOf(client.sts.getCredentials());
      expect(error).toMatchObject({ code: INVALID_INPUT });
      expect(error.message).toContain("user:password@");
      expect(server.hits).toBe(0);
      const shown = printed([error, client]) + JSON.stringify(client) + inspect(client);
      expect(shown).not.toContain(password);
      expect(shown).not.toContain("admin:");
    } finally {
      await client.close();
      await server.close();
    }
  });

  test("the same from NCLOUD_API_URL", async () => {
    const password = "env-endpoint-password-77";
    const client = new NcloudClient({ env: { NCLOUD_API_URL: `https://u:${password}@gateway.example.test` }, accessKey: "AK", secretKey: "secret-key-123456" });
    try {
      const error = await failureOf(client.subAccount.listAccessKeys("sub"));
      expect(error).toMatchObject({ code: INVALID_INPUT });
      expect(printed([error, client])).not.toContain(password);
    } finally {
      await client.close();
    }
  });
});
