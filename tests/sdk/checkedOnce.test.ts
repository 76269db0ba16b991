import { NcloudClient, NcloudError } from "../../sdk";
import { NcloudConfig } from "../../sdk/settings/config";
import { guardConnects, NOT_LOOPBACK_ADDRESS } from "../hostile/loopbackGuard";
import { harness, type Harness } from "./helpers";

/**
 * What the per-call path works out once and keeps (sdk/settings/config.ts baseUrl, sdk/call/transport.ts): the
 * answers stay what they were on every call, and a refusal is never kept as if it were an answer.
 */
describe("the service's origin and path, worked out once per service and region", () => {
  test("the environment is read at the first call: a later change does not move a client", () => {
    const env: Record<string, string | undefined> = { NCLOUD_API_URL: "http://127.0.0.1:1" };
    const config = new NcloudConfig({ env });
    expect(config.baseUrl("sts", "sts.getCredentials").origin).toBe("http://127.0.0.1:1");
    env.NCLOUD_API_URL = "http://127.0.0.1:2";
    env.NCLOUD_SITE = "gov";
    expect(config.baseUrl("sts", "sts.getCredentials").origin).toBe("http://127.0.0.1:1");
  });

  test("each per-call region keeps its own path, beside the configured one", () => {
    const config = new NcloudConfig({ env: { NCLOUD_REGION: "SGN" } });
    for (let round = 0; round < 2; round++) {
      expect(config.baseUrl("searchEngine", "op").pathPrefix).toBe("/api/sgn-v2");
      expect(config.baseUrl("searchEngine", "op", "JPN").pathPrefix).toBe("/api/jpn-v2");
      expect(config.baseUrl("searchEngine", "op", "KR").pathPrefix).toBe("/api/v2");
      expect(config.baseUrl("sts", "op").pathPrefix).toBe("/api/v1");
    }
  });

  test("a refusal is not kept: every call is refused again, naming that call's operation", () => {
    const config = new NcloudConfig({ env: { NCLOUD_API_URL: "not a url" } });
    expect(() => config.baseUrl("sts", "sts.getCredentials")).toThrow(/sts\.getCredentials.*endpoint/);
    expect(() => config.baseUrl("sts", "sts.createCredentials")).toThrow(/sts\.createCredentials.*endpoint/);
    const se = new NcloudConfig({});
    expect(se.baseUrl("searchEngine", "op", "SGN").pathPrefix).toBe("/api/sgn-v2");
    expect(() => se.baseUrl("searchEngine", "first", "USWN")).toThrow(/first.*not offered in region USWN/);
    expect(() => se.baseUrl("searchEngine", "second", "USWN")).toThrow(/second.*not offered in region USWN/);
    expect(() => se.baseUrl("searchEngine", "third", 42)).toThrow(/third.*42 is not an NCP region code/);
  });
});

describe("checks the transport makes once", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness();
  });
  afterEach(async () => {
    await h.close();
  });

  test("a per-call API key is checked on every call, after the credentials were checked once", async () => {
    await h.client.nsml.listAuthKeys();
    const sent = h.emulator.requests.length;
    const error = await h.client.nsml.listAuthKeys({ apiKey: "line\nbreak" }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(NcloudError);
    expect((error as NcloudError).code).toBe("InvalidInput");
    expect((error as NcloudError).message).toMatch(/apiKey.*control character/);
    expect(h.emulator.requests.length).toBe(sent);
  });

  test("plain http to an address that is not loopback is refused on every call, not only the first", async () => {
    // Refused before connecting; the guard would stop (and record) a connect if it were not.
    const guard = guardConnects();
    const client = new NcloudClient({ endpoint: `http://${NOT_LOOPBACK_ADDRESS}`, accessKey: "AK", secretKey: "SK", env: {} });
    try {
      for (const operation of [() => client.sts.getCredentials(), () => client.sts.getCredentials()]) {
        await expect(operation()).rejects.toThrow(`plain http to ${NOT_LOOPBACK_ADDRESS}`);
      }
      expect(guard.stopped).toEqual([]);
    } finally {
      guard.restore();
      await client.close();
    }
  });
});
