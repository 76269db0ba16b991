/**
 * Proves the harness against the real dynamic-provider host, with a tiny provider defined here.
 */
import type * as pulumi from "@pulumi/pulumi";
import * as grpc from "@grpc/grpc-js";
import {
  dynamicType,
  isSecret,
  ProviderHostError,
  providerKey,
  reveal,
  secret,
  startProviderHost,
  unknown,
  urn,
  type ProviderHost,
} from "./providerHost";
import { dynamicProvider } from "../../provider/dynamicProvider";
import { HANDLER_KINDS } from "../../provider/handlers/kinds";
import { serializedShim, serializeProvider } from "./serializeProvider";

// Configure state lives in a captured object: the serializer copies each captured variable into
// every function's own scope, so a reassigned `let` would not survive (see the test below).
const seen: { region?: string; secretKeyType?: string } = {};

const tinyProvider: pulumi.dynamic.ResourceProvider = {
  async configure(req) {
    seen.region = req.config.get("ncloud:region");
    // Record the type only: the value is a secret and must not show up in outputs or logs.
    seen.secretKeyType = typeof req.config.get("ncloud:secretKey");
  },
  async check(_olds, news) {
    if (typeof news.name !== "string" || news.name === "") {
      return { inputs: news, failures: [{ property: "name", reason: "name is required" }] };
    }
    if (news.name === "explode") {
      throw new Error("check exploded on purpose");
    }
    return { inputs: { ...news, checked: true } };
  },
  async diff(_id, olds, news) {
    const replaces = olds.name !== news.name ? ["name"] : [];
    return { changes: replaces.length > 0 || olds.size !== news.size, replaces, deleteBeforeReplace: replaces.length > 0 };
  },
  async create(inputs) {
    if (inputs.refuse) {
      throw new Error(`create refused for ${inputs.name}`);
    }
    if (inputs.failAfterCreate) {
      throw Object.assign(new Error("created but not ready"), {
        id: "half-made",
        properties: { name: inputs.name },
        reasons: ["still provisioning"],
      });
    }
    const crypto = require("node:crypto") as typeof import("node:crypto");
    if (inputs.withUndefined) {
      return { id: crypto.randomUUID(), outs: { ...inputs, missing: undefined } };
    }
    return {
      id: crypto.randomUUID(),
      outs: { ...inputs, region: seen.region, secretKeyType: seen.secretKeyType },
    };
  },
  async read(id, props) {
    // An empty result (no id) is how a dynamic provider says the resource no longer exists.
    return props.gone ? {} : { id, props: { ...props, refreshed: true } };
  },
  async update(_id, _olds, news) {
    return { outs: { ...news, updated: true } };
  },
  async delete(_id, props) {
    if (props.undeletable) {
      throw new Error("delete refused");
    }
  },
};

const type = dynamicType("ncloud", "Tiny");
const theUrn = urn(type, "tiny");
const secretValue = "s3cr3t-value-that-must-not-leak";

describe("ProviderHost against the real dynamic-provider host", () => {
  let host: ProviderHost;
  let provider: string;

  beforeAll(async () => {
    provider = await serializeProvider(tinyProvider);
    host = await startProviderHost();
    await host.configure({ "ncloud:region": "KR", "ncloud:secretKey": secretValue }, { secretKeys: ["ncloud:secretKey"] });
  });
  afterAll(async () => {
    await host?.close();
  });

  test("builds the URN and type token the engine uses for a dynamic resource", () => {
    expect(theUrn).toBe("urn:pulumi:stack::project::pulumi-nodejs:dynamic/ncloud:Tiny::tiny");
    expect(dynamicType()).toBe("pulumi-nodejs:dynamic:Resource");
  });

  test("create returns the config value configure saw, with secret config unwrapped", async () => {
    const created = await host.create(theUrn, { [providerKey]: provider, name: "a" });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.properties).toMatchObject({ name: "a", region: "KR", secretKeyType: "string" });
    expect(created.properties[providerKey]).toBe(provider);
  });

  test("secrets in inputs reach the provider as plain values, as the engine strips them", async () => {
    const created = await host.create(theUrn, { [providerKey]: provider, name: "a", token: secret("t0k") });
    expect(created.properties.token).toBe("t0k");
    expect(isSecret(secret("x"))).toBe(true);
    expect(reveal({ nested: [secret("x")] })).toEqual({ nested: ["x"] });
  });

  test("check returns the provider's inputs and failures", async () => {
    const ok = await host.check(theUrn, {}, { [providerKey]: provider, name: "a" });
    expect(ok).toEqual({ inputs: { [providerKey]: provider, name: "a", checked: true }, failures: [] });

    const bad = await host.check(theUrn, {}, { [providerKey]: provider, name: "" });
    expect(bad.failures).toEqual([{ property: "name", reason: "name is required" }]);
  });

  test("check passes unknown inputs through as the engine's sentinel", async () => {
    const checked = await host.check(theUrn, {}, { [providerKey]: provider, name: "a", size: unknown });
    expect(checked.inputs.size).toBe(unknown);
  });

  test("diff reports replacements and in-place changes", async () => {
    const olds = { [providerKey]: provider, name: "a", size: 1 };
    const replace = await host.diff("id-1", theUrn, olds, { ...olds, name: "b" });
    expect(replace).toMatchObject({ changes: "DIFF_SOME", replaces: ["name"], deleteBeforeReplace: true });

    const inPlace = await host.diff("id-1", theUrn, olds, { ...olds, size: 2 });
    expect(inPlace).toMatchObject({ changes: "DIFF_SOME", replaces: [], deleteBeforeReplace: false });

    const none = await host.diff("id-1", theUrn, olds, olds);
    expect(none.changes).toBe("DIFF_NONE");
  });

  test("read returns refreshed state, or an empty id when the resource is gone", async () => {
    const live = await host.read("id-1", theUrn, { [providerKey]: provider, name: "a" });
    expect(live).toMatchObject({ id: "id-1", properties: { name: "a", refreshed: true } });

    const gone = await host.read("id-1", theUrn, { [providerKey]: provider, name: "a", gone: true });
    expect(gone.id).toBe("");
  });

  test("update returns the new outputs; delete succeeds", async () => {
    const olds = { [providerKey]: provider, name: "a", size: 1 };
    const updated = await host.update("id-1", theUrn, olds, { ...olds, size: 2 });
    expect(updated.properties).toMatchObject({ name: "a", size: 2, updated: true });
    await expect(host.delete("id-1", theUrn, olds)).resolves.toBeUndefined();
  });

  test("an error thrown by create reaches the caller with its message and gRPC code", async () => {
    const failure = host.create(theUrn, { [providerKey]: provider, name: "x", refuse: true });
    await expect(failure).rejects.toThrow(new ProviderHostError("create refused for x", grpc.status.UNKNOWN));
    await expect(failure).rejects.toMatchObject({ code: grpc.status.UNKNOWN, initFailure: undefined });
  });

  test("an error carrying an id comes back as partial state (ErrorResourceInitFailed)", async () => {
    const failure = host.create(theUrn, { [providerKey]: provider, name: "x", failAfterCreate: true });
    await expect(failure).rejects.toMatchObject({
      message: "created but not ready",
      initFailure: { id: "half-made", properties: { name: "x" }, reasons: ["still provisioning"] },
    });
  });

  test("errors from check and delete reach the caller too", async () => {
    await expect(host.check(theUrn, {}, { [providerKey]: provider, name: "explode" })).rejects.toThrow(
      "check exploded on purpose",
    );
    await expect(host.delete("id-1", theUrn, { [providerKey]: provider, undeletable: true })).rejects.toThrow(
      "delete refused",
    );
  });

  test("an undefined output value fails create, as it would under pulumi up", async () => {
    // The host converts outputs with Struct.fromJavaScript, which rejects `undefined`.
    const failure = host.create(theUrn, { [providerKey]: provider, name: "a", withUndefined: true });
    await expect(failure).rejects.toThrow("Unexpected struct type.");
  });

  test("the host's output is captured, and the secret config value is not in it", async () => {
    await expect(host.check(theUrn, {}, { [providerKey]: provider, name: "explode" })).rejects.toThrow();
    // The host logs errors from check with their stack to stderr, which may arrive after the answer.
    await host.waitForOutput(/check exploded on purpose/);
    expect(host.output()).not.toContain(secretValue);
  });
});

describe("closure serialization, as the host sees it", () => {
  let host: ProviderHost;
  afterAll(async () => {
    await host?.close();
  });

  test("a reassigned module-level variable does not carry configure's value to create", async () => {
    let region: string | undefined = "unset";
    const provider = await serializeProvider({
      async configure(req) {
        region = req.config.get("ncloud:region");
      },
      async create() {
        return { id: "1", outs: { region } };
      },
    });
    host = await startProviderHost();
    await host.configure({ "ncloud:region": "KR" });
    const created = await host.create(theUrn, { [providerKey]: provider });
    // Each serialized function gets its own copy of `region`, taken at serialization time.
    expect(created.properties.region).toBe("unset");
    expect(region).toBe("unset");
  });

  test("the shims' text the host tests keep on disk is what serializing the shim makes now", async () => {
    for (const kind of HANDLER_KINDS) expect({ kind, text: await serializedShim(kind) }).toEqual({ kind, text: await serializeProvider(dynamicProvider(kind)) });
  });
});
