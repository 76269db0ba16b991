import { providerKey, reveal, type WireObject } from "./providerHost";
import { startNcloudStack, type NcloudStack } from "./ncloudStack";

const SUB = "4e066e50-9c3a-11e7-8a66-1e5021fa7c80";
const KIND = "subAccountAccessKey" as const;

describe("SubAccountAccessKey through the real dynamic-provider host", () => {
  let stack: NcloudStack;
  beforeAll(async () => {
    stack = await startNcloudStack({ subAccounts: [SUB, "sub-b", "sub-c"], maxActiveKeys: 2 });
  });
  afterAll(() => stack.close());
  afterEach(() => stack.emulator.faults.clear());

  const liveKeys = (sub = SUB) => stack.emulator.state.liveKeys(sub).map((k) => k.accessKey);

  const returnedSecrets = new Set<string>();
  async function newKey(name: string, inputs: WireObject = {}) {
    const created = await stack.createResource(KIND, name, { subAccountId: SUB, keepers: { rotation: "2026-11" }, ...inputs });
    returnedSecrets.add(String(reveal(created.properties.keySecret)));
    return created;
  }
  async function cleanUp(sub = SUB) {
    for (const key of stack.emulator.state.liveKeys(sub)) stack.emulator.state.subAccounts.get(sub)!.keys.delete(key.accessKey);
  }
  afterEach(() => cleanUp());

  test("create makes one key in NCP and returns its secret; the id is the access key", async () => {
    const { id, properties } = await newKey("create");
    expect(liveKeys()).toEqual([id]);
    const stored = stack.emulator.state.subAccounts.get(SUB)!.keys.get(id)!;
    expect(reveal(properties.keySecret)).toBe(stored.keySecret);
    expect(properties).toMatchObject({ accessKey: id, active: true, subAccountId: SUB, keepers: { rotation: "2026-11" } });
    expect(properties[providerKey]).toBe(await stack.provider(KIND));
  });

  test("create with active: false leaves the key inactive", async () => {
    const { id } = await newKey("inactive", { active: false });
    expect(stack.emulator.state.subAccounts.get(SUB)!.keys.get(id)!.active).toBe(false);
  });

  test("diff: same inputs no change; keepers change replaces; active toggle updates in place", async () => {
    const { id, properties, inputs } = await newKey("diff");
    const u = stack.urn(KIND, "diff");
    expect((await stack.host.diff(id, u, properties, inputs)).changes).toBe("DIFF_NONE");
    const rotated = await stack.host.diff(id, u, properties, { ...inputs, keepers: { rotation: "2026-12" } });
    expect(rotated).toMatchObject({ changes: "DIFF_SOME", replaces: ["keepers"], deleteBeforeReplace: false });
    const toggled = await stack.host.diff(id, u, properties, { ...inputs, active: false });
    expect(toggled).toMatchObject({ changes: "DIFF_SOME", replaces: [] });

    const { properties: updated } = await stack.host.update(id, u, properties, { ...inputs, active: false });
    expect(updated.active).toBe(false);
    expect(stack.emulator.state.subAccounts.get(SUB)!.keys.get(id)!.active).toBe(false);
    expect(reveal(updated.keySecret)).toBe(reveal(properties.keySecret));
  });

  test("exclusive changes in place and sends nothing; refresh keeps it", async () => {
    const { id, properties, inputs } = await newKey("exclusive");
    const u = stack.urn(KIND, "exclusive");
    expect(await stack.host.diff(id, u, properties, { ...inputs, exclusive: true })).toMatchObject({ changes: "DIFF_SOME", replaces: [] });
    const before = stack.emulator.requests.length;
    const { properties: updated } = await stack.host.update(id, u, properties, { ...inputs, exclusive: true });
    expect(stack.emulator.requests.length).toBe(before);
    expect(updated).toMatchObject({ accessKey: id, exclusive: true });
    const read = await stack.host.read(id, u, updated, { ...inputs, exclusive: true });
    expect(read.inputs.exclusive).toBe(true);
    expect((await stack.host.diff(id, u, read.properties, read.inputs)).changes).toBe("DIFF_NONE");
  });

  test("refresh of an unchanged key shows no drift and keeps the secret NCP no longer returns", async () => {
    const { id, properties, inputs } = await newKey("refresh");
    const read = await stack.host.read(id, stack.urn(KIND, "refresh"), properties, inputs);
    expect(read.id).toBe(id);
    expect(reveal(read.properties.keySecret)).toBe(reveal(properties.keySecret));
    expect((await stack.host.diff(id, stack.urn(KIND, "refresh"), read.properties, inputs)).changes).toBe("DIFF_NONE");
  });

  test("refresh after a delete outside Pulumi reports the key gone", async () => {
    const { id, properties } = await newKey("gone");
    stack.emulator.state.subAccounts.get(SUB)!.keys.delete(id);
    expect((await stack.host.read(id, stack.urn(KIND, "gone"), properties)).id).toBe("");
  });

  test("refresh after deactivation in the console reports the drift, so the next up re-activates", async () => {
    const { id, properties, inputs } = await newKey("drift");
    stack.emulator.state.subAccounts.get(SUB)!.keys.get(id)!.active = false;
    const read = await stack.host.read(id, stack.urn(KIND, "drift"), properties);
    expect(read.properties.active).toBe(false);
    expect(read.inputs.active).toBe(false);
    const next = await stack.host.diff(id, stack.urn(KIND, "drift"), read.properties, inputs);
    expect(next).toMatchObject({ changes: "DIFF_SOME", replaces: [] });
  });

  test("delete removes the key; deleting a key that is already gone succeeds", async () => {
    const { id, properties } = await newKey("delete");
    await stack.host.delete(id, stack.urn(KIND, "delete"), properties);
    expect(liveKeys()).toEqual([]);
    await expect(stack.host.delete(id, stack.urn(KIND, "delete"), properties)).resolves.toBeUndefined();
  });

  test("a key whose sub account was deleted outside Pulumi: refresh reports it gone, delete succeeds (NCP's 404/30 and 401/30)", async () => {
    stack.emulator.state.addSubAccount("sub-doomed");
    const created = await stack.createResource(KIND, "doomed", { subAccountId: "sub-doomed" });
    returnedSecrets.add(String(reveal(created.properties.keySecret)));
    stack.emulator.state.subAccounts.delete("sub-doomed");
    const before = stack.emulator.requests.length;
    expect((await stack.host.read(created.id, stack.urn(KIND, "doomed"), created.properties)).id).toBe("");
    await expect(stack.host.delete(created.id, stack.urn(KIND, "doomed"), created.properties)).resolves.toBeUndefined();
    const answers = stack.emulator.requests.slice(before).map((r) => `${r.method} ${r.status}`);
    expect(answers).toEqual(["GET 404", "DELETE 401"]);
  });

  test("too many active keys says how many the sub account has and what to do", async () => {
    await newKey("first");
    await newKey("second");
    await expect(newKey("third")).rejects.toThrow(/already has 2 active access keys \(\S+ \(created [^)]+\), \S+ \(created [^)]+\)\).*Fix: delete or deactivate one/s);
    expect(liveKeys()).toHaveLength(2);
  });

  test("bad input fails check naming the property, and sends no request", async () => {
    const before = stack.emulator.requests.length;
    const checked = await stack.host.check(stack.urn(KIND, "bad"), {}, {
      [providerKey]: await stack.provider(KIND),
      subAccountId: "",
      keepers: { rotation: 5 },
    });
    expect(checked.failures.map((f) => f.property).sort()).toEqual(["keepers.rotation", "subAccountId"]);
    expect(stack.emulator.requests.length).toBe(before);
  });

  test.each([0, -3, 1.5, "30"])("rotationDays %p fails check naming rotationDays, and sends no request", async (rotationDays) => {
    const before = stack.emulator.requests.length;
    const checked = await stack.host.check(stack.urn(KIND, "bad-rotation"), {}, {
      [providerKey]: await stack.provider(KIND),
      subAccountId: SUB,
      rotationDays,
    });
    expect(checked.failures).toEqual([{ property: "rotationDays", reason: expect.stringMatching(/^rotationDays must be/) }]);
    expect(stack.emulator.requests.length).toBe(before);
  });

  test("rotationDays: create reports rotatesAt; a new rotationDays on a key not yet due updates rotatesAt in place", async () => {
    const { id, properties, inputs } = await newKey("rotating", { rotationDays: 30 });
    const createTime = String(properties.createTime);
    expect(Date.parse(String(properties.rotatesAt)) - Date.parse(createTime)).toBe(30 * 86_400_000);
    const u = stack.urn(KIND, "rotating");
    expect(await stack.host.diff(id, u, properties, { ...inputs, rotationDays: 60 })).toMatchObject({ changes: "DIFF_SOME", replaces: [] });
    const { properties: updated } = await stack.host.update(id, u, properties, { ...inputs, rotationDays: 60 });
    expect(Date.parse(String(updated.rotatesAt)) - Date.parse(createTime)).toBe(60 * 86_400_000);
    expect(updated.accessKey).toBe(id);
    // Refresh keeps it: the rotation is judged on NCP's createTime.
    const read = await stack.host.read(id, u, updated, { ...inputs, rotationDays: 60 });
    expect(read.properties.rotatesAt).toBe(updated.rotatesAt);
    expect(read.inputs.rotationDays).toBe(60);
  });

  test("nothing the host printed contains a secret", () => {
    const output = stack.host.output();
    expect(output).not.toContain(stack.emulator.secretKey);
    expect(output).not.toContain(stack.emulator.apiKey);
    expect(returnedSecrets.size).toBeGreaterThan(5);
    for (const keySecret of returnedSecrets) expect(output).not.toContain(keySecret);
  });
});

describe("ncloud:endpoints through the real host", () => {
  // An unknown service name in ncloud:endpoints is refused in settings (tests/provider/settings.test.ts).
  test("a per-service URL wins over ncloud:apiUrl for that service", async () => {
    const stack = await startNcloudStack({ subAccounts: [SUB] });
    try {
      const base = {
        "ncloud:accessKey": stack.emulator.accessKey,
        "ncloud:secretKey": stack.emulator.secretKey,
        "ncloud:apiKey": stack.emulator.apiKey,
      };
      const secretKeys = ["ncloud:secretKey", "ncloud:apiKey"];
      // apiUrl points at a port nothing listens on; only Sub Account is sent to the emulator. The
      // host hands stack config to the provider when it first runs one of its resources: this one.
      await stack.host.configure(
        { ...base, "ncloud:apiUrl": "http://127.0.0.1:9", "ncloud:endpoints": JSON.stringify({ subAccount: stack.emulator.url }) },
        { secretKeys },
      );
      const created = await stack.createResource(KIND, "via-endpoints", { subAccountId: SUB });
      expect(stack.emulator.state.liveKeys(SUB).map((k) => k.accessKey)).toEqual([created.id]);
      await stack.host.delete(created.id, stack.urn(KIND, "via-endpoints"), created.properties);
      expect(stack.emulator.state.liveKeys(SUB)).toEqual([]);
    } finally {
      await stack.close();
    }
  });
});
