import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import { Agent, EnvHttpProxyAgent, Pool } from "undici";
import { type DispatcherSettings, Dispatchers } from "../../sdk/call/dispatcher";

const ORIGIN = "http://127.0.0.1:9";
const REMOTE = "https://ncp.example.test";

/** Settings as NcloudConfig gives them: the environment, the opt-in, the socket cap. */
function settings(env: Record<string, string | undefined>, allowInsecureHttp = false): DispatcherSettings {
  return { env, allowInsecureHttp, maxSocketsPerOrigin: () => 16 };
}

const PROXY = { HTTPS_PROXY: "http://127.0.0.1:3128", HTTP_PROXY: "http://127.0.0.1:3128" };

describe("the client's own pools", () => {
  test.each([
    ["no proxy variable", REMOTE, {}, Pool],
    ["only NO_PROXY", REMOTE, { NO_PROXY: "*" }, Pool],
    ["empty proxy variables", REMOTE, { HTTPS_PROXY: "", HTTP_PROXY: "" }, Pool],
    ["HTTPS_PROXY", REMOTE, { HTTPS_PROXY: "http://127.0.0.1:3128" }, EnvHttpProxyAgent],
    ["http_proxy", REMOTE, { http_proxy: "http://127.0.0.1:3128" }, EnvHttpProxyAgent],
    ["a proxy, to a loopback address", ORIGIN, PROXY, Pool],
    ["a proxy, to localhost", "http://localhost:9", PROXY, Pool],
    ["a proxy, to plain http without the opt-in", "http://ncp.example.test", PROXY, Pool],
  ])("with %s", async (_name, origin, env, type) => {
    const dispatchers = new Dispatchers(undefined, settings(env), 1000);
    try {
      expect(dispatchers.for(origin, "test").constructor).toBe(type);
    } finally {
      await dispatchers.close();
    }
  });

  test("plain http the user opted into follows the proxy variables like https", async () => {
    const dispatchers = new Dispatchers(undefined, settings(PROXY, true), 1000);
    try {
      expect(dispatchers.for("http://ncp.example.test", "test").constructor).toBe(EnvHttpProxyAgent);
      expect(dispatchers.for(ORIGIN, "test").constructor).toBe(Pool);
    } finally {
      await dispatchers.close();
    }
  });

  test("one pool per origin, made once; one proxy agent for every origin it serves", async () => {
    const direct = new Dispatchers(undefined, settings({}), 1000);
    const proxied = new Dispatchers(undefined, settings(PROXY), 1000);
    try {
      expect(direct.for(ORIGIN, "test")).toBe(direct.for(ORIGIN, "test"));
      expect(direct.for("http://127.0.0.1:10", "test")).not.toBe(direct.for(ORIGIN, "test"));
      expect(proxied.for("https://other.example.test", "test")).toBe(proxied.for(REMOTE, "test"));
    } finally {
      await Promise.all([direct.close(), proxied.close()]);
    }
  });

  test("the user's dispatcher is used for every origin and left open", async () => {
    const mine = new Agent();
    const dispatchers = new Dispatchers(mine, settings(PROXY), 1000);
    try {
      expect(dispatchers.for(ORIGIN, "test")).toBe(mine);
      expect(dispatchers.ownConnections).toBe(false);
      await dispatchers.close();
      expect(mine.closed).toBe(false);
    } finally {
      await mine.close();
    }
  });

  test("after close, a pool for a new origin is closed too: requests fail, nothing reopens", async () => {
    const dispatchers = new Dispatchers(undefined, settings({}), 1000);
    const before = dispatchers.for(ORIGIN, "test") as Pool;
    await dispatchers.close();
    expect(before.closed).toBe(true);
    expect((dispatchers.for("http://127.0.0.1:10", "test") as Pool).closed).toBe(true);
  });
});

describe("undici loads with the first request, not before", () => {
  const root = path.resolve(__dirname, "..", "..");

  // A fresh node: this jest process has undici loaded already. Runs the built SDK (dist/).
  async function undiciLoadedAfter(body: string): Promise<boolean> {
    const script = `(async () => { const { NcloudClient } = require(${JSON.stringify(path.join(root, "dist", "sdk"))});
      ${body}
      process.stdout.write(String(Object.keys(require.cache).some((f) => f.includes("/node_modules/undici/"))));
    })().catch((e) => { console.error(e); process.exit(1); });`;
    const { stdout } = await promisify(execFile)(process.execPath, ["-e", script], { timeout: 20_000 });
    return stdout === "true";
  }

  test("building a client and failing validation load no undici", async () => {
    const loaded = await undiciLoadedAfter(`const c = new NcloudClient({ accessKey: "AK", secretKey: "SK", env: {} });
      await c.subAccount.createAccessKey("").catch(() => undefined);
      await c.close();`);
    expect(loaded).toBe(false);
  });

  test("the first request does load it", async () => {
    const loaded = await undiciLoadedAfter(`const c = new NcloudClient({ endpoint: "http://127.0.0.1:9", accessKey: "AK", secretKey: "SK", env: {}, maxAttempts: 1 });
      await c.sts.getCredentials().catch(() => undefined);
      await c.close();`);
    expect(loaded).toBe(true);
  });
});
