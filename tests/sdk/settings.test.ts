import { INVALID_INPUT, NcloudClient, type NcloudClientOptions } from "../../sdk";
import { NcloudConfig } from "../../sdk/settings/config";
import { CLIENT_NUMBERS, type ClientNumber } from "../../sdk/settings/settings";

const credentials = { accessKey: "AK", secretKey: "settings-secret-key", env: {} };

function constructionError(options: NcloudClientOptions): Error | undefined {
  try {
    void new NcloudClient({ ...credentials, ...options });
    return undefined;
  } catch (error) {
    return error as Error;
  }
}

describe("boolean environment variables take true, false, 1 or 0 only", () => {
  test.each([
    ["true", true],
    ["TRUE", true],
    [" 1 ", true],
    ["false", false],
    ["False", false],
    ["0", false],
    ["", false],
    [undefined, false],
  ])("NCLOUD_ALLOW_INSECURE_HTTP=%j is %s", (value, expected) => {
    expect(new NcloudConfig({ env: { NCLOUD_ALLOW_INSECURE_HTTP: value } }).allowInsecureHttp).toBe(expected);
  });

  test.each(["no", "off", "yes", "on", "2", "-1", "nope"])("NCLOUD_ALLOW_INSECURE_HTTP=%s is an error naming it and the accepted values", (value) => {
    expect(() => new NcloudConfig({ env: { NCLOUD_ALLOW_INSECURE_HTTP: value } }).allowInsecureHttp).toThrow(
      `NCLOUD_ALLOW_INSECURE_HTTP must be true, false, 1 or 0 (any case); got "${value}". Fix: set NCLOUD_ALLOW_INSECURE_HTTP=false, or unset it`,
    );
  });

  test("NCLOUD_DEBUG=yes fails the constructor by name; NCLOUD_DEBUG=FALSE turns nothing on", () => {
    expect(constructionError({ env: { NCLOUD_DEBUG: "yes" } })).toMatchObject({ code: INVALID_INPUT, message: expect.stringContaining('NCLOUD_DEBUG must be true, false, 1 or 0 (any case); got "yes"') });
    expect(new NcloudConfig({ env: { NCLOUD_DEBUG: "FALSE" } }).debugEnabled).toBe(false);
    expect(new NcloudConfig({ env: { NCLOUD_DEBUG: "1" } }).debugEnabled).toBe(true);
  });

  test("the allowInsecureHttp option from JavaScript: a string \"false\" is false, \"no\" is refused, never taken as true", () => {
    const given = (value: unknown) => new NcloudConfig({ allowInsecureHttp: value as boolean, env: { NCLOUD_ALLOW_INSECURE_HTTP: "1" } });
    expect(given("false").allowInsecureHttp).toBe(false);
    expect(given(false).allowInsecureHttp).toBe(false);
    expect(() => given("no").allowInsecureHttp).toThrow(/allowInsecureHttp must be true, false, 1 or 0 \(any case\); got "no"/);
    expect(() => given(1).allowInsecureHttp).toThrow(/allowInsecureHttp must be true, false, 1 or 0 \(any case\); got 1/);
  });
});

describe("every number of the client has a range, checked by the constructor", () => {
  const cases = (Object.entries(CLIENT_NUMBERS) as Array<[ClientNumber, (typeof CLIENT_NUMBERS)[ClientNumber]]>).flatMap(([option, range]) => [
    [option, range.min - 1],
    [option, range.max + 1],
    [option, range.min + 0.5],
    [option, Number.NaN],
    [option, Number.POSITIVE_INFINITY],
  ]) as Array<[ClientNumber, number]>;

  test.each(cases)("%s = %s is InvalidInput naming it and its range", (option, value) => {
    const range = CLIENT_NUMBERS[option];
    const error = constructionError({ [option]: value });
    expect(error).toMatchObject({ code: INVALID_INPUT });
    expect(error?.message).toContain(`${option} must be a whole number of ${range.unit} from ${range.min} to ${range.max}`);
  });

  test("a timeout past Node's timer limit (2^31 ms), which would fire at once, is refused", () => {
    expect(constructionError({ timeoutMs: 2 ** 31 })?.message).toMatch(/timeoutMs must be a whole number of milliseconds per attempt from 1 to 600000/);
  });

  test("the bounds themselves are accepted; left out, each is its default", () => {
    for (const [option, range] of Object.entries(CLIENT_NUMBERS)) {
      expect(constructionError({ [option]: range.min })).toBeUndefined();
      expect(constructionError({ [option]: range.max })).toBeUndefined();
    }
    expect(new NcloudClient(credentials).timeoutMs).toBe(CLIENT_NUMBERS.timeoutMs.default);
  });
});

describe("checkSettings reads every setting that needs no credentials", () => {
  test.each([
    [{ env: { NCLOUD_DEBUG: "on" } }, /NCLOUD_DEBUG must be/],
    [{ env: { NCLOUD_ALLOW_INSECURE_HTTP: "no" } }, /NCLOUD_ALLOW_INSECURE_HTTP must be/],
    [{ env: { NCLOUD_SITE: "europe" } }, /invalid site: "europe" is not a known NCP site\. Fix: set NCLOUD_SITE to public, gov or fin/],
    [{ env: { NCLOUD_ENDPOINTS: '{"iam":"https://x"}' } }, /NCLOUD_ENDPOINTS/],
    [{ env: { NCLOUD_API_URL: "ftp://x" } }, /must be http or https/],
  ])("%j fails", (options, message) => {
    expect(() => new NcloudConfig(options).checkSettings("config.configure")).toThrow(message);
  });

  test("good settings pass, and no credentials are needed", () => {
    expect(() => new NcloudConfig({ env: { NCLOUD_DEBUG: "0", NCLOUD_SITE: "gov" } }).checkSettings("config.configure")).not.toThrow();
  });
});
