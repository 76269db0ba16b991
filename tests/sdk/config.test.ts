import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { NcloudConfig } from "../../sdk/settings/config";
import { parseConfigFile } from "../../sdk/settings/configFile";
import { NcloudError } from "../../sdk/errors/errors";

const NO_FILE = join(tmpdir(), "ncloud-keys-no-such-file");

const madeDirs: string[] = [];
afterAll(() => madeDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function configFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "ncloud-cfg-"));
  madeDirs.push(dir);
  const path = join(dir, "configure");
  writeFileSync(path, text, { mode: 0o600 });
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
  test("the ncloud CLI file is read last, its [DEFAULT] section", () => {
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
  test("config file parsing keeps sections apart and skips comments; first value in a section wins", () => {
    expect(parseConfigFile("# c\n[DEFAULT]\na = 1\n; x\na = 9\n[other]\na = 2\nb=3\n")).toEqual(
      new Map([
        ["DEFAULT", { a: "1" }],
        ["other", { a: "2", b: "3" }],
      ]),
    );
  });
});

describe("endpoints", () => {
  const c = (opts: ConstructorParameters<typeof NcloudConfig>[0]) => new NcloudConfig({ env: {}, ...opts });
  test("public site hosts and prefixes", () => {
    expect(c({}).baseUrl("subAccount", "op")).toEqual({ origin: "https://subaccount.apigw.ntruss.com", pathPrefix: "/api/v1" });
    expect(c({}).baseUrl("nsml", "op")).toEqual({ origin: "https://nsml.apigw.ntruss.com", pathPrefix: "/nsml/v1" });
    expect(c({}).baseUrl("searchEngine", "op")).toEqual({ origin: "https://vpcsearchengine.apigw.ntruss.com", pathPrefix: "/api/v2" });
  });
  test("gov and fin hosts as their API pages give them; undocumented ones follow the site's Sub Account pattern", () => {
    expect(c({ site: "gov" }).baseUrl("subAccount", "op").origin).toBe("https://subaccount.apigw.gov-ntruss.com");
    expect(c({ site: "gov" }).baseUrl("sts", "op").origin).toBe("https://sts.apigw.gov-ntruss.com");
    expect(c({ site: "gov" }).baseUrl("searchEngine", "op").origin).toBe("https://vpcsearchengine.apigw.gov-ntruss.com");
    // api-fin.ncloud-docs.com: Sub Account without fin-, Search Engine with it.
    expect(c({ env: { NCLOUD_SITE: "fin" } }).baseUrl("subAccount", "op").origin).toBe("https://subaccount.apigw.fin-ntruss.com");
    expect(c({ site: "fin" }).baseUrl("searchEngine", "op").origin).toBe("https://fin-vpcsearchengine.apigw.fin-ntruss.com");
    expect(c({ site: "fin" }).baseUrl("sts", "op").origin).toBe("https://sts.apigw.fin-ntruss.com");
    expect(c({ site: "fin" }).baseUrl("nsml", "op").origin).toBe("https://nsml.apigw.fin-ntruss.com");
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
  test("unknown site is InvalidInput", () => {
    expect(() => c({ site: "moon" }).baseUrl("sts", "sts.getCredentials")).toThrow(/site/);
  });
});

describe("regions: any NCP code is accepted; only Search Engine maps it, per site", () => {
  const c = (opts: ConstructorParameters<typeof NcloudConfig>[0]) => new NcloudConfig({ env: {}, ...opts });
  const prefix = (site: string, region?: string) => c({ site, region }).baseUrl("searchEngine", "searchEngine.getBucketList").pathPrefix;

  test.each([
    ["public", "KR", "/api/v2"],
    ["public", "SGN", "/api/sgn-v2"],
    ["public", "JPN", "/api/jpn-v2"],
    ["gov", "KR", "/api/v2"],
    ["gov", "KRS", "/api/krs-v2"],
    ["fin", "FKR", "/api/v2"],
    ["fin", "KR", "/api/v2"],
    ["public", undefined, "/api/v2"],
    ["gov", undefined, "/api/v2"],
    ["fin", undefined, "/api/v2"],
  ])("Search Engine on %s in %s uses %s", (site, region, path) => {
    expect(prefix(site, region)).toBe(path);
  });

  test.each([
    ["public", "KRS", /KR \(\/api\/v2\), SGN \(\/api\/sgn-v2\), JPN \(\/api\/jpn-v2\)/],
    ["public", "FKR", /not offered in region FKR on the public site/],
    ["gov", "SGN", /KR \(\/api\/v2\), KRS \(\/api\/krs-v2\)/],
    ["gov", "JPN", /not offered in region JPN on the gov site/],
    ["fin", "SGN", /FKR \(\/api\/v2\)/],
    ["public", "USWN", /not offered in region USWN/],
  ])("Search Engine on %s refuses %s by name, with the regions it has", (site, region, message) => {
    let error: unknown;
    try {
      prefix(site, region);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NcloudError);
    expect(error).toMatchObject({ code: "InvalidInput" });
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toContain("invalid region");
  });

  test.each(["FKR", "KRS", "USWN", "DEN", "fkr"])("NCLOUD_REGION=%s leaves Sub Account, STS and NSML alone", (region) => {
    const config = c({ env: { NCLOUD_REGION: region } });
    expect(config.baseUrl("subAccount", "subAccount.listAccessKeys")).toEqual({ origin: "https://subaccount.apigw.ntruss.com", pathPrefix: "/api/v1" });
    expect(config.baseUrl("sts", "sts.getCredentials").pathPrefix).toBe("/api/v1");
    expect(config.baseUrl("nsml", "nsml.listAuthKeys").pathPrefix).toBe("/nsml/v1");
  });

  test("even a malformed region only matters to Search Engine", () => {
    const config = c({ region: 42 as unknown as string });
    expect(config.baseUrl("sts", "sts.getCredentials").pathPrefix).toBe("/api/v1");
    expect(() => config.baseUrl("searchEngine", "searchEngine.getBucketList")).toThrow(/invalid region: 42 is not an NCP region code/);
  });
});

describe("per-service endpoint overrides", () => {
  const c = (opts: ConstructorParameters<typeof NcloudConfig>[0]) => new NcloudConfig({ env: {}, ...opts });

  test("an endpoints entry replaces one service's scheme and host, keeps its path, and wins over apiUrl", () => {
    const config = c({ endpoint: "http://127.0.0.1:1", endpoints: { sts: "http://127.0.0.1:2/ignored", searchEngine: "https://se.example.com" } });
    expect(config.baseUrl("sts", "op")).toEqual({ origin: "http://127.0.0.1:2", pathPrefix: "/api/v1" });
    expect(config.baseUrl("searchEngine", "op", "SGN")).toEqual({ origin: "https://se.example.com", pathPrefix: "/api/sgn-v2" });
    expect(config.baseUrl("subAccount", "op").origin).toBe("http://127.0.0.1:1");
    expect(c({ site: "gov", endpoints: { nsml: "https://nsml.example.com" } }).baseUrl("sts", "op").origin).toBe("https://sts.apigw.gov-ntruss.com");
  });

  test("NCLOUD_ENDPOINTS is the same map as JSON; the option wins over it", () => {
    const env = { NCLOUD_ENDPOINTS: '{"subAccount":"http://127.0.0.1:3"}', NCLOUD_API_URL: "http://127.0.0.1:1" };
    expect(c({ env }).baseUrl("subAccount", "op").origin).toBe("http://127.0.0.1:3");
    expect(c({ env }).baseUrl("sts", "op").origin).toBe("http://127.0.0.1:1");
    expect(c({ env, endpoints: { subAccount: "http://127.0.0.1:4" } }).baseUrl("subAccount", "op").origin).toBe("http://127.0.0.1:4");
  });

  test.each([
    [{ endpoints: { stss: "http://x" } }, /invalid endpoints\.stss: "stss" is not a service name.*use one of subAccount, sts, nsml, searchEngine/],
    [{ env: { NCLOUD_ENDPOINTS: '{"iam":"http://x"}' } }, /invalid NCLOUD_ENDPOINTS\.iam.*subAccount, sts, nsml, searchEngine/],
    [{ env: { NCLOUD_ENDPOINTS: "sts=http://x" } }, /invalid NCLOUD_ENDPOINTS: is not JSON/],
    [{ endpoints: { sts: "ftp://x" } }, /invalid endpoints\.sts: must be http or https/],
    // Not quoted back: a mistyped URL can still hold a password.
    [{ endpoints: { sts: "not a url" } }, /invalid endpoints\.sts: is not a URL/],
    [{ endpoints: { sts: "https://user:hunter2-password@sts.example.com" } }, /invalid endpoints\.sts: the URL has credentials \(user:password@\)/],
  ])("bad overrides are InvalidInput naming the key: %j", (opts, message) => {
    expect(() => c(opts as ConstructorParameters<typeof NcloudConfig>[0]).baseUrl("sts", "sts.getCredentials")).toThrow(message);
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
    const d = new NcloudClient({ env: { NCLOUD_SITE: "fin" } });
    expect([a.region, a.site, b.region, c.region, c.site, d.region]).toEqual(["SGN", "fin", "JPN", "KR", "public", "FKR"]);
    await Promise.all([a.close(), b.close(), c.close(), d.close()]);
  });
});

test("a malformed configured region is InvalidInput when asked for", async () => {
  const { NcloudClient, NcloudError } = await import("../../sdk");
  const client = new NcloudClient({ env: { NCLOUD_REGION: "E U" } });
  expect(() => client.region).toThrow(NcloudError);
  await client.close();
});

describe("credential sources, in order, a pair always from one place", () => {
  const SECRET_A = "secret-of-profile-a-123";
  const SECRET_D = "secret-of-default-456";
  const profiles = configFile(
    `[DEFAULT]\nncloud_access_key_id = DEFAULTKEY\nncloud_secret_access_key = ${SECRET_D}\n` +
      `[team-a]\nncloud_access_key_id = TEAMAKEY\nncloud_secret_access_key = ${SECRET_A}\n` +
      "[half]\nncloud_access_key_id = HALFKEY\n" +
      `[secret-only]\nncloud_secret_access_key = ${SECRET_A}\n`,
  );
  const creds = (options: ConstructorParameters<typeof NcloudConfig>[0]) => new NcloudConfig({ configFile: profiles, env: {}, ...options }).credentials("sts.getCredentials");
  const failure = (options: ConstructorParameters<typeof NcloudConfig>[0]): NcloudError => {
    try {
      creds(options);
    } catch (error) {
      expect(error).toBeInstanceOf(NcloudError);
      const message = (error as NcloudError).message;
      for (const secret of [SECRET_A, SECRET_D, "env-secret"]) expect(message).not.toContain(secret);
      return error as NcloudError;
    }
    throw new Error("expected the credentials to be refused");
  };

  test("each half of the pair comes from either of its names, as NCP's Go and Java SDKs read them; options win", () => {
    const ncpNames = { NCLOUD_ACCESS_KEY_ID: "IDKEY", NCLOUD_SECRET_ACCESS_KEY: "env-secret-id" };
    expect(creds({ env: ncpNames })).toEqual({ accessKey: "IDKEY", secretKey: "env-secret-id" });
    // ncloud-sdk-go-v2's README pairs NCLOUD_ACCESS_KEY_ID with NCLOUD_SECRET_KEY.
    expect(creds({ env: { NCLOUD_ACCESS_KEY_ID: "IDKEY", NCLOUD_SECRET_KEY: "env-secret" } })).toEqual({ accessKey: "IDKEY", secretKey: "env-secret" });
    expect(creds({ env: { NCLOUD_ACCESS_KEY: "ENVKEY", NCLOUD_SECRET_ACCESS_KEY: "env-secret" } })).toEqual({ accessKey: "ENVKEY", secretKey: "env-secret" });
    // Both names of a half, same value: every tool agrees.
    expect(creds({ env: { ...ncpNames, NCLOUD_ACCESS_KEY: "IDKEY", NCLOUD_SECRET_KEY: "env-secret-id" } })).toEqual({ accessKey: "IDKEY", secretKey: "env-secret-id" });
    expect(creds({ env: ncpNames, accessKey: "OPT", secretKey: "opt-secret" })).toEqual({ accessKey: "OPT", secretKey: "opt-secret" });
  });

  test.each([
    [{ NCLOUD_ACCESS_KEY: "ENVKEY", NCLOUD_ACCESS_KEY_ID: "IDKEY", NCLOUD_SECRET_KEY: "env-secret" }, "NCLOUD_ACCESS_KEY and NCLOUD_ACCESS_KEY_ID are both set, to different access key ids"],
    [{ NCLOUD_ACCESS_KEY: "ENVKEY", NCLOUD_SECRET_KEY: "env-secret", NCLOUD_SECRET_ACCESS_KEY: "env-secret-id" }, "NCLOUD_SECRET_KEY and NCLOUD_SECRET_ACCESS_KEY are both set, to different secret keys"],
  ])("both names of a half set to different values is an error naming both, where NCP's tools disagree: %j", (env, message) => {
    const error = failure({ env });
    expect(error.message).toContain(message);
    expect(error.message).toMatch(/terraform-provider-ncloud.*Fix: unset one of them/);
  });

  test("the secret of NCLOUD_SECRET_ACCESS_KEY is a known secret, scrubbed from error text", () => {
    const config = new NcloudConfig({ env: { NCLOUD_ACCESS_KEY_ID: "IDKEY", NCLOUD_SECRET_ACCESS_KEY: "env-secret-id" } });
    expect(config.knownSecrets()).toContain("env-secret-id");
  });

  test.each([
    [{ NCLOUD_ACCESS_KEY: "ENVKEY" }, "the environment has NCLOUD_ACCESS_KEY but not NCLOUD_SECRET_KEY or NCLOUD_SECRET_ACCESS_KEY"],
    [{ NCLOUD_SECRET_KEY: "env-secret" }, "the environment has NCLOUD_SECRET_KEY but not NCLOUD_ACCESS_KEY or NCLOUD_ACCESS_KEY_ID"],
    [{ NCLOUD_ACCESS_KEY_ID: "IDKEY" }, "has NCLOUD_ACCESS_KEY_ID but not NCLOUD_SECRET_KEY or NCLOUD_SECRET_ACCESS_KEY"],
  ])("half a pair in the environment is an error, not a fall-through to the file: %j", (env, message) => {
    const error = failure({ env });
    expect(error.message).toContain(message);
    expect(error.message).toContain("Fix:");
  });

  test("half a pair in the options is an error too", () => {
    expect(failure({ accessKey: "OPT" }).message).toContain("the provider configuration has accessKey but not secretKey");
  });

  test("[DEFAULT] unless NCLOUD_PROFILE or the profile option names another section; the option wins", () => {
    expect(creds({})).toEqual({ accessKey: "DEFAULTKEY", secretKey: SECRET_D });
    expect(creds({ env: { NCLOUD_PROFILE: "team-a" } })).toEqual({ accessKey: "TEAMAKEY", secretKey: SECRET_A });
    expect(creds({ profile: "team-a", env: { NCLOUD_PROFILE: "nope" } })).toEqual({ accessKey: "TEAMAKEY", secretKey: SECRET_A });
  });

  test("half a pair in a section names the file, the section and the missing key; never completed from [DEFAULT]", () => {
    const half = failure({ profile: "half" }).message;
    expect(half).toContain(`${profiles} section [half] has ncloud_access_key_id but not ncloud_secret_access_key`);
    const secretOnly = failure({ profile: "secret-only" }).message;
    expect(secretOnly).toContain(`${profiles} section [secret-only] has ncloud_secret_access_key but not ncloud_access_key_id`);
  });

  test("a named profile the file lacks names the file and the sections it has", () => {
    const message = failure({ env: { NCLOUD_PROFILE: "prod" } }).message;
    expect(message).toContain(`${profiles} has no profile [prod] (it has [DEFAULT], [team-a], [half], [secret-only])`);
    expect(message).toContain("NCLOUD_PROFILE");
  });

  test("a named profile without a readable file says so", () => {
    expect(failure({ configFile: NO_FILE, profile: "prod" }).message).toContain(`profile "prod" was asked for, but ${NO_FILE} cannot be read`);
  });

  test("a file without [DEFAULT] and no profile named is the usual no-credentials error", () => {
    const only = configFile("[team-a]\nncloud_access_key_id = K\nncloud_secret_access_key = s\n");
    expect(failure({ configFile: only }).message).toContain("no NCP credentials found");
  });
});

test("printing a config shows endpoint overrides as origins only, never a URL's user info or query", () => {
  const c = new NcloudConfig({ env: {}, endpoints: { sts: "https://sts.example.com/p?token=t0ken-123" } });
  const text = `${JSON.stringify(c)} ${inspect(c)}`;
  expect(text).toContain("https://sts.example.com");
  expect(text).not.toContain("t0ken-123");
  const withPassword = new NcloudConfig({ env: {}, endpoints: { sts: "https://user:hunter2-password@sts.example.com" } });
  expect(`${JSON.stringify(withPassword)} ${inspect(withPassword)}`).not.toContain("hunter2-password");
  expect(JSON.stringify(new NcloudConfig({ env: { NCLOUD_ENDPOINTS: "{bad" } }))).toContain("(invalid)");
});
