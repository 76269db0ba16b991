import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { NcloudConfig } from "../../sdk/config";
import { parseConfigFile } from "../../sdk/configFile";
import { NcloudError } from "../../sdk/errors";

const NO_FILE = join(tmpdir(), "ncloud-keys-no-such-file");

const madeDirs: string[] = [];
afterAll(() => madeDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function configFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "ncloud-cfg-"));
  madeDirs.push(dir);
  const path = join(dir, "configure");
  writeFileSync(path, text);
  return path;
}

describe("credential chain", () => {
  const env = { NCLOUD_ACCESS_KEY: "ENVACCESSKEY", NCLOUD_SECRET_KEY: "env-secret-key" };
  const file = configFile("[DEFAULT]\nncloud_access_key_id = FILEACCESSKEY\nncloud_secret_access_key = file-secret-key\n");

  test("explicit options win over env and file", () => {
    const c = new NcloudConfig({ accessKey: "OPTKEY", secretKey: "opt-secret", env, configFile: file });
    expect(c.credentials("sts.getCredentials")).toEqual({ accessKey: "OPTKEY", secretKey: "opt-secret" });
  });
  test("env wins over the file", () => {
    expect(new NcloudConfig({ env, configFile: file }).credentials("x.y")).toEqual({ accessKey: "ENVACCESSKEY", secretKey: "env-secret-key" });
  });
  test("the ncloud CLI file is read last, its [DEFAULT] header ignored", () => {
    expect(new NcloudConfig({ env: {}, configFile: file }).credentials("x.y")).toEqual({
      accessKey: "FILEACCESSKEY",
      secretKey: "file-secret-key",
    });
  });
  test("nothing anywhere: construction succeeds, first use names every place to set keys", () => {
    const c = new NcloudConfig({ env: {}, configFile: NO_FILE });
    let error: unknown;
    try {
      c.credentials("sts.getCredentials");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NcloudError);
    const message = (error as NcloudError).message;
    for (const name of ["accessKey", "secretKey", "NCLOUD_ACCESS_KEY", "NCLOUD_SECRET_KEY", "ncloud_access_key_id", "ncloud_secret_access_key"]) {
      expect(message).toContain(name);
    }
  });
  test("a half pair is not used", () => {
    const c = new NcloudConfig({ accessKey: "ONLYACCESS", env: {}, configFile: NO_FILE });
    expect(() => c.credentials("x.y")).toThrow(NcloudError);
  });
  test("config file parsing skips comments and sections, first value wins", () => {
    expect(parseConfigFile("# c\n[DEFAULT]\na = 1\n; x\n[other]\na = 2\nb=3\n")).toEqual({ a: "1", b: "3" });
  });
});

describe("endpoints", () => {
  const c = (opts: ConstructorParameters<typeof NcloudConfig>[0]) => new NcloudConfig({ env: {}, ...opts });
  test("public site hosts and prefixes", () => {
    expect(c({}).baseUrl("subAccount", "op")).toEqual({ origin: "https://subaccount.apigw.ntruss.com", pathPrefix: "/api/v1" });
    expect(c({}).baseUrl("nsml", "op")).toEqual({ origin: "https://nsml.apigw.ntruss.com", pathPrefix: "/nsml/v1" });
    expect(c({}).baseUrl("searchEngine", "op")).toEqual({ origin: "https://vpcsearchengine.apigw.ntruss.com", pathPrefix: "/api/v2" });
  });
  test("gov and fin sites, with fin- host prefixes", () => {
    expect(c({ site: "gov" }).baseUrl("sts", "op").origin).toBe("https://sts.apigw.gov-ntruss.com");
    expect(c({ site: "fin" }).baseUrl("sts", "op").origin).toBe("https://fin-sts.apigw.fin-ntruss.com");
    expect(c({ site: "fin" }).baseUrl("searchEngine", "op").origin).toBe("https://fin-vpcsearchengine.apigw.fin-ntruss.com");
    expect(c({ env: { NCLOUD_SITE: "fin" } }).baseUrl("subAccount", "op").origin).toBe("https://fin-subaccount.apigw.fin-ntruss.com");
  });
  test("region picks the Search Engine prefix; per-call region overrides", () => {
    expect(c({ env: { NCLOUD_REGION: "SGN" } }).baseUrl("searchEngine", "op").pathPrefix).toBe("/api/sgn-v2");
    expect(c({}).baseUrl("searchEngine", "op", "JPN").pathPrefix).toBe("/api/jpn-v2");
  });
  test("NCLOUD_API_URL replaces scheme and host and keeps the path", () => {
    expect(c({ env: { NCLOUD_API_URL: "http://127.0.0.1:9999/" } }).baseUrl("nsml", "op")).toEqual({
      origin: "http://127.0.0.1:9999",
      pathPrefix: "/nsml/v1",
    });
  });
  test("unknown site or region is InvalidInput", () => {
    expect(() => c({ site: "moon" }).baseUrl("sts", "sts.getCredentials")).toThrow(/site/);
    expect(() => c({}).baseUrl("searchEngine", "searchEngine.getBucketList", "EU")).toThrow(/region.*KR, SGN or JPN/);
  });
});

describe("printing a config never shows a secret", () => {
  test("JSON, inspect and String redact the secret and API keys", () => {
    const c = new NcloudConfig({ accessKey: "ACCESSKEY123", secretKey: "very-secret-key-1", apiKey: "very-api-key-1", env: {} });
    c.credentials("x.y");
    for (const text of [JSON.stringify(c), inspect(c), inspect(c, { showHidden: true, depth: 9 }), String(c)]) {
      expect(text).not.toContain("very-secret-key-1");
      expect(text).not.toContain("very-api-key-1");
    }
  });
});

describe("the client's site and region", () => {
  test("come from options, then env, else public / KR", async () => {
    const { NcloudClient } = await import("../../sdk");
    const a = new NcloudClient({ env: { NCLOUD_REGION: "sgn", NCLOUD_SITE: "FIN" } });
    const b = new NcloudClient({ env: {}, region: "jpn" });
    const c = new NcloudClient({ env: {} });
    expect([a.region, a.site, b.region, c.region, c.site]).toEqual(["SGN", "fin", "JPN", "KR", "public"]);
    await Promise.all([a.close(), b.close(), c.close()]);
  });
});

test("an unknown configured region is InvalidInput when asked for", async () => {
  const { NcloudClient, NcloudError } = await import("../../sdk");
  const client = new NcloudClient({ env: { NCLOUD_REGION: "EU" } });
  expect(() => client.region).toThrow(NcloudError);
  await client.close();
});
