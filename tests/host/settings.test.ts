/**
 * Settings through the real dynamic-provider host: a bad `ncloud:*` value, a bad `NCLOUD_*`
 * variable or an out-of-range number fails the first `check` (what `pulumi preview` runs), naming
 * the setting, before any request reaches NCP.
 */
import { providerKey } from "./providerHost";
import { startNcloudStack, type NcloudStack } from "./ncloudStack";

const SUB = "4e066e50-9c3a-11e7-8a66-1e5021fa7c80";

async function withStack(config: Record<string, string>, env: Record<string, string>, body: (stack: NcloudStack) => Promise<void>): Promise<void> {
  const stack = await startNcloudStack({ subAccounts: [SUB] }, config, env);
  try {
    await body(stack);
  } finally {
    await stack.close();
  }
}

async function checkKey(stack: NcloudStack, name: string, inputs: Record<string, unknown> = { subAccountId: SUB }) {
  return stack.host.check(stack.urn("subAccountAccessKey", name), {}, { ...inputs, [providerKey]: await stack.provider("subAccountAccessKey") } as never);
}

test.each([
  // Past Node's timer limit (2^31-1 ms) an attempt's deadline would fire at once.
  [{ "ncloud:timeoutMs": "2147483648" }, {}, /ncloud:timeoutMs must be a whole number of milliseconds per attempt from 1 to 600000; got "2147483648"/],
  [{ "ncloud:allowInsecureHttp": "no" }, {}, /ncloud:allowInsecureHttp must be true, false, 1 or 0 \(any case\); got "no"/],
  [{}, { NCLOUD_DEBUG: "yes" }, /NCLOUD_DEBUG must be true, false, 1 or 0 \(any case\); got "yes"/],
  [{}, { NCLOUD_ALLOW_INSECURE_HTTP: "off" }, /NCLOUD_ALLOW_INSECURE_HTTP must be true, false, 1 or 0/],
  [{}, { NCLOUD_SITE: "europe" }, /set NCLOUD_SITE to public, gov or fin/],
])("config %j, env %j: every check fails naming the setting, and nothing is sent", async (config, env, message) => {
  await withStack(config, env, async (stack) => {
    await expect(checkKey(stack, "first")).rejects.toThrow(message);
    // The host keeps a provider whose configure threw: the next resource of the kind must not run on defaults.
    await expect(checkKey(stack, "second")).rejects.toThrow(message);
    expect(stack.emulator.requests).toEqual([]);
  });
});

describe("on one host whose stack config has keys the provider does not read", () => {
  // The unknown keys do not touch resource inputs: the range checks share the host.
  let stack: NcloudStack;
  beforeAll(async () => {
    stack = await startNcloudStack({ subAccounts: [SUB] }, { "ncloud:regoin": "KR", "aws:region": "us-east-1" });
  });
  afterAll(() => stack?.close());

  test("an unknown ncloud:* key is warned about once, naming the closest key, and the resource still checks", async () => {
    const key = await checkKey(stack, "key");
    expect(key.failures).toEqual([]);
    await stack.host.check(stack.urn("stsCredentials", "sts"), {}, { [providerKey]: await stack.provider("stsCredentials") });
    await stack.host.waitForOutput(/did you mean/);
    const warnings = stack.host.output().split("\n").filter((line) => line.startsWith("warning:"));
    expect(warnings).toEqual([
      "warning: stack config ncloud:regoin is not a setting of pulumi-ncloud-keys, so it is ignored: did you mean ncloud:region? " +
        "Fix: pulumi config rm ncloud:regoin, then pulumi config set ncloud:region <value> (leave it if another package reads it)",
    ]);
  });

  test("numbers of resource inputs out of their documented range fail check naming the property", async () => {
    const key = await checkKey(stack, "old", { subAccountId: SUB, rotationDays: 100_000_000 });
    expect(key.failures).toEqual([{ property: "rotationDays", reason: expect.stringContaining("at most 3650 days") }]);
    const sts = await stack.host.check(stack.urn("stsCredentials", "sts"), {}, {
      renewBefore: 1e12,
      tokenCode: 1234567,
      [providerKey]: await stack.provider("stsCredentials"),
    });
    expect(sts.failures.map((f) => f.property).sort()).toEqual(["renewBefore", "tokenCode"]);
    expect(sts.failures.find((f) => f.property === "renewBefore")?.reason).toContain("at most 43200 seconds");
    expect(stack.emulator.requests).toEqual([]);
  });
});
