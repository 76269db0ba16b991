import { providerKey, reveal } from "./providerHost";
import { startNcloudStack, type NcloudStack } from "./ncloudStack";

const SUB = "4e066e50-9c3a-11e7-8a66-1e5021fa7c80";
const KIND = "searchSnapshotAuthKey" as const;

describe("SearchSnapshotAuthKey through the real dynamic-provider host", () => {
  let stack: NcloudStack;
  beforeAll(async () => {
    // The outage tests' calls retry a 503: how long a retry waits is not what they judge.
    const config = { "ncloud:retryBaseMs": "1" };
    stack = await startNcloudStack(
      {
        subAccounts: [SUB],
        maxActiveKeys: 10,
        serviceGroups: [
          { serviceGroupInstanceNo: "1531843", region: "KR" },
          { serviceGroupInstanceNo: "2000001", region: "SGN" },
        ],
      },
      config,
    );
  });
  afterAll(() => stack.close());
  afterEach(() => stack.emulator.faults.clear());

  /** A real, active Sub Account key the emulator's Object Storage accepts. */
  async function liveKey() {
    const { properties } = await stack.createResource("subAccountAccessKey", `key-${Math.random()}`, { subAccountId: SUB });
    return { accessKeyId: String(properties.accessKey), secretKey: String(reveal(properties.keySecret)) };
  }
  const group = (no = "1531843") => stack.emulator.state.serviceGroups.get(no)!;

  test("create sets the key on the service group, verifies it, and keeps the secret only as given", async () => {
    const key = await liveKey();
    const { id, properties } = await stack.createResource(KIND, "create", { serviceGroupInstanceNo: "1531843", ...key });
    expect(id).toBe("1531843");
    expect(group()).toMatchObject({ accessKeyId: key.accessKeyId, secretKey: key.secretKey });
    expect(properties).toMatchObject({ serviceGroupInstanceNo: "1531843", accessKeyId: key.accessKeyId, region: "KR", verify: true });
    expect(String(properties.requestId)).not.toBe("");
    const paths = stack.emulator.requests.slice(-2).map((r) => `${r.method} ${r.path}`);
    expect(paths).toEqual(["POST /api/v2/snapshot/updateAPIAuthenticationKey/1531843", "GET /api/v2/snapshot/getBucketList/1531843"]);
  });

  test("the Singapore site goes to /api/sgn-v2", async () => {
    const key = await liveKey();
    await stack.createResource(KIND, "sgn", { serviceGroupInstanceNo: "2000001", region: "SGN", ...key });
    expect(group("2000001").accessKeyId).toBe(key.accessKeyId);
    expect(stack.emulator.requests.some((r) => r.path === "/api/sgn-v2/snapshot/updateAPIAuthenticationKey/2000001")).toBe(true);
  });

  test("a key that cannot reach Object Storage fails with what to do", async () => {
    await expect(
      stack.createResource(KIND, "unverified", { serviceGroupInstanceNo: "1531843", accessKeyId: "ncp_iam_NOTAKEY", secretKey: "wrong-secret-value" }),
    ).rejects.toThrow(/cannot reach Object Storage.*Fix: use an active key.*or set verify: false/s);
  });

  test("a check that fails after the key was set (an outage) says the service group has the key, and what to do", async () => {
    const key = await liveKey();
    stack.emulator.faults.add({ method: "GET", path: "/api/v2/snapshot/getBucketList/*", kind: "status", status: 503 });
    const error = await stack.createResource(KIND, "outage", { serviceGroupInstanceNo: "1531843", ...key }).then(() => undefined, (e: Error) => e);
    expect(error?.message).toMatch(
      new RegExp(`service group 1531843 \\(KR\\) now has access key ${key.accessKeyId}, but checking that it reaches Object Storage failed, so Pulumi does not record it yet: .*503.*Fix: run \`pulumi up\` again`),
    );
    expect(error?.message).not.toContain(key.secretKey);
    expect(group()).toMatchObject({ accessKeyId: key.accessKeyId });
  });

  test("verify: false sets the key without listing buckets", async () => {
    const before = stack.emulator.requests.length;
    await stack.createResource(KIND, "noverify", { serviceGroupInstanceNo: "1531843", accessKeyId: "ncp_iam_ANY", secretKey: "any-secret-value", verify: false });
    expect(stack.emulator.requests.slice(before).map((r) => r.path)).toEqual(["/api/v2/snapshot/updateAPIAuthenticationKey/1531843"]);
  });

  test("diff: a new key updates in place; another service group or region replaces", async () => {
    const key = await liveKey();
    const { id, properties, inputs } = await stack.createResource(KIND, "diff", { serviceGroupInstanceNo: "1531843", ...key });
    const u = stack.urn(KIND, "diff");
    expect((await stack.host.diff(id, u, properties, inputs)).changes).toBe("DIFF_NONE");
    const next = await liveKey();
    expect(await stack.host.diff(id, u, properties, { ...inputs, ...next })).toMatchObject({ changes: "DIFF_SOME", replaces: [] });
    expect((await stack.host.diff(id, u, properties, { ...inputs, serviceGroupInstanceNo: "2000001" })).replaces).toEqual(["serviceGroupInstanceNo"]);
    expect((await stack.host.diff(id, u, properties, { ...inputs, region: "SGN" })).replaces).toEqual(["region"]);

    const { properties: updated } = await stack.host.update(id, u, properties, { ...inputs, ...next });
    expect(updated.accessKeyId).toBe(next.accessKeyId);
    expect(group()).toMatchObject({ accessKeyId: next.accessKeyId, secretKey: next.secretKey });
  });

  test("refresh keeps the key from state and reports a service group that is gone", async () => {
    const key = await liveKey();
    const { id, properties, inputs } = await stack.createResource(KIND, "refresh", { serviceGroupInstanceNo: "1531843", ...key });
    const read = await stack.host.read(id, stack.urn(KIND, "refresh"), properties);
    expect(read.id).toBe(id);
    expect((await stack.host.diff(id, stack.urn(KIND, "refresh"), read.properties, inputs)).changes).toBe("DIFF_NONE");
    stack.emulator.state.serviceGroups.delete("1531843");
    try {
      expect((await stack.host.read(id, stack.urn(KIND, "refresh"), properties)).id).toBe("");
    } finally {
      stack.emulator.state.addServiceGroup("1531843", "KR");
    }
  });

  test("refresh during an NCP outage fails instead of reporting the service group healthy", async () => {
    const key = await liveKey();
    const { id, properties } = await stack.createResource(KIND, "outage", { serviceGroupInstanceNo: "1531843", ...key });
    stack.emulator.faults.add({ method: "GET", path: "/api/v2/snapshot/getBucketList/*", kind: "status", status: 503 });
    await expect(stack.host.read(id, stack.urn(KIND, "outage"), properties)).rejects.toThrow(/503/);
  });

  test("refresh of a key that no longer reaches Object Storage keeps the resource", async () => {
    const { id, properties } = await stack.createResource(KIND, "stale", {
      serviceGroupInstanceNo: "1531843",
      accessKeyId: "ncp_iam_GONE",
      secretKey: "gone-secret-value",
      verify: false,
    });
    expect((await stack.host.read(id, stack.urn(KIND, "stale"), properties)).id).toBe(id);
  });

  test("delete forgets the resource, says the service group keeps its key, and calls nothing", async () => {
    const key = await liveKey();
    const { id, properties } = await stack.createResource(KIND, "delete", { serviceGroupInstanceNo: "1531843", ...key });
    const before = stack.emulator.requests.length;
    const printedBefore = stack.host.output().length;
    await stack.host.delete(id, stack.urn(KIND, "delete"), properties);
    expect(stack.emulator.requests.length).toBe(before);
    expect(group().accessKeyId).toBe(key.accessKeyId);
    // The host's stderr is a pipe: the line can arrive after the gRPC answer, so wait for it.
    const said = await stack.host.waitForOutput(/service group 1531843 \(KR\) keeps its last API authentication key \(access key [^)]+\)/, {
      from: printedBefore,
    });
    expect(said).toContain(`(access key ${key.accessKeyId})`);
  });

  test("bad input fails check naming each property, and sends no request", async () => {
    const before = stack.emulator.requests.length;
    const checked = await stack.host.check(stack.urn(KIND, "bad"), {}, {
      [providerKey]: await stack.provider(KIND),
      serviceGroupInstanceNo: "sg-1",
      accessKeyId: "",
      secretKey: "x",
      region: "U S",
    });
    expect(checked.failures.map((f) => f.property).sort()).toEqual(["accessKeyId", "region", "serviceGroupInstanceNo"]);
    expect(stack.emulator.requests.length).toBe(before);
  });

  test("a region the site lacks, from the resource's region, fails check (what preview runs), before any request", async () => {
    const before = stack.emulator.requests.length;
    const checked = await stack.host.check(stack.urn(KIND, "bad-region"), {}, {
      [providerKey]: await stack.provider(KIND),
      serviceGroupInstanceNo: "1531843",
      accessKeyId: "ncp_iam_ANY",
      secretKey: "any-secret-value",
      region: "FKR",
    });
    expect(checked.failures).toEqual([{ property: "region", reason: expect.stringMatching(/^region is "FKR", and Search Engine on the public site/) }]);
    expect(stack.emulator.requests.length).toBe(before);
  });

  test("nothing the host printed contains a secret key", () => {
    const output = stack.host.output();
    expect(output).not.toContain(stack.emulator.secretKey);
    for (const sub of stack.emulator.state.subAccounts.values()) {
      for (const key of sub.keys.values()) expect(output).not.toContain(key.keySecret);
    }
    expect(output).not.toContain("wrong-secret-value");
  });
});

describe("regions through the real host: any NCP code is accepted, only Search Engine maps it", () => {
  test("gov site, region KRS (stack config): keys work and Search Engine goes to /api/krs-v2", async () => {
    const stack = await startNcloudStack(
      { subAccounts: [SUB], serviceGroups: [{ serviceGroupInstanceNo: "3000001", region: "KRS" }] },
      { "ncloud:site": "gov", "ncloud:region": "krs" },
    );
    try {
      const { properties: key } = await stack.createResource("subAccountAccessKey", "gov-key", { subAccountId: SUB });
      const { properties } = await stack.createResource(KIND, "krs", {
        serviceGroupInstanceNo: "3000001",
        accessKeyId: String(key.accessKey),
        secretKey: String(reveal(key.keySecret)),
      });
      expect(properties.region).toBe("KRS");
      expect(stack.emulator.requests.slice(-2).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
        "POST /api/krs-v2/snapshot/updateAPIAuthenticationKey/3000001 200",
        "GET /api/krs-v2/snapshot/getBucketList/3000001 200",
      ]);
    } finally {
      await stack.close();
    }
  });

  test("public site with ncloud:region FKR (set for terraform): Sub Account works; a SearchSnapshotAuthKey fails check naming ncloud:region", async () => {
    const stack = await startNcloudStack({ subAccounts: [SUB] }, { "ncloud:region": "FKR" });
    try {
      const { properties: key } = await stack.createResource("subAccountAccessKey", "fkr-key", { subAccountId: SUB });
      const before = stack.emulator.requests.length;
      const checked = await stack.host.check(stack.urn(KIND, "fkr"), {}, {
        [providerKey]: await stack.provider(KIND),
        serviceGroupInstanceNo: "1531843",
        accessKeyId: String(key.accessKey),
        secretKey: String(reveal(key.keySecret)),
      });
      expect(checked.failures).toEqual([
        { property: "region", reason: expect.stringMatching(/^ncloud:region is "FKR", and Search Engine on the public site \(the default site\) is offered only in KR \(\/api\/v2\), SGN \(\/api\/sgn-v2\), JPN/) },
      ]);
      expect(stack.emulator.requests.length).toBe(before);
    } finally {
      await stack.close();
    }
  });

  // Each on a host of its own: the setting is the host's environment. The resource's own region is
  // tested on the host of the tests above.
  test.each([
    ["NCLOUD_REGION", {}, { NCLOUD_REGION: "USWN" }, {}, /^NCLOUD_REGION is "USWN", and Search Engine on the public site \(the default site\)/],
    ["the resource's region on the gov site (NCLOUD_SITE)", {}, { NCLOUD_SITE: "gov" }, { region: "SGN" }, /^region is "SGN", and Search Engine on the gov site \(NCLOUD_SITE\) is offered only in KR \(\/api\/v2\), KRS/],
  ])("a region the site lacks, from %s, fails the first check (preview), before any request", async (_from, config, env, inputs, reason) => {
    const stack = await startNcloudStack({ subAccounts: [SUB] }, config, env);
    try {
      const checked = await stack.host.check(stack.urn(KIND, "bad-region"), {}, {
        [providerKey]: await stack.provider(KIND),
        serviceGroupInstanceNo: "1531843",
        accessKeyId: "ncp_iam_ANY",
        secretKey: "any-secret-value",
        ...inputs,
      });
      expect(checked.failures).toEqual([{ property: "region", reason: expect.stringMatching(reason) }]);
      expect(stack.emulator.requests).toEqual([]);
    } finally {
      await stack.close();
    }
  });
});
