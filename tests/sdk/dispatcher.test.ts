import { Agent, EnvHttpProxyAgent } from "undici";
import { ownDispatcher } from "../../sdk/dispatcher";

describe("the client's own pool", () => {
  test.each([
    ["no proxy variable", {}, Agent],
    ["only NO_PROXY", { NO_PROXY: "*" }, Agent],
    ["empty proxy variables", { HTTPS_PROXY: "", HTTP_PROXY: "" }, Agent],
    ["HTTPS_PROXY", { HTTPS_PROXY: "http://127.0.0.1:3128" }, EnvHttpProxyAgent],
    ["http_proxy", { http_proxy: "http://127.0.0.1:3128" }, EnvHttpProxyAgent],
  ])("with %s is a %p", async (_name, env, type) => {
    const dispatcher = ownDispatcher(env, 1000);
    try {
      expect(dispatcher.constructor).toBe(type);
    } finally {
      await dispatcher.close();
    }
  });
});
