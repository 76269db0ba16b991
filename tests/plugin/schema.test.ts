/**
 * The plugin's schema against what the handlers do: the inputs a resource's `check` accepts (its
 * zod schema, as JSON Schema) are the schema's input properties, with the same types, required
 * names and defaults; the settings are the ones `configure` reads; the outputs the handlers return
 * against the emulator are the schema's properties. The TypeScript side is
 * ./schemaTypes.test.ts.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { configureWith, functions as handlerFunctions, handlers } from "../../provider/handlers";
import type { HandlerKind } from "../../provider/handlers/kinds";
import * as inputs from "../../provider/handlers/schemas";
import { CONFIG_NAMES, WHOLE_NUMBERS } from "../../provider/handlers/settings";
import { configVariables, functions, packageSchema, PACKAGE_NAME, resources, token, types } from "../../provider/plugin/schema";
import type { PropertySpec } from "../../provider/plugin/schema/spec";
import { pluginProvider } from "../../provider/plugin/provider";
import { startEmulator, type Emulator } from "../../sdk/emulator";

const repoRoot = path.resolve(__dirname, "..", "..");
const version = (JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string }).version;

const resourceInputs: Record<keyof typeof resources, z.ZodType> = {
  [token("SubAccountAccessKey")]: inputs.subAccountAccessKeyInputs,
  [token("SearchSnapshotAuthKey")]: inputs.searchSnapshotAuthKeyInputs,
  [token("StsCredentials")]: inputs.stsCredentialsInputs,
  [token("NsmlAuthKeys")]: inputs.nsmlAuthKeysInputs,
};
const functionArgs: Record<keyof typeof functions, z.ZodType> = {
  [token("getSubAccountAccessKeys")]: inputs.getSubAccountAccessKeysArgs,
  [token("getStsCredentials")]: inputs.getStsCredentialsArgs,
  [token("getNsmlAuthKeys")]: inputs.getNsmlAuthKeysArgs,
};

interface JsonSchemaProperty {
  type?: string | string[];
  anyOf?: JsonSchemaProperty[];
  default?: unknown;
  additionalProperties?: JsonSchemaProperty;
}

/** The JSON types a zod schema accepts for one property, `integer` counted as a `number` too. */
function acceptedTypes(property: JsonSchemaProperty): string[] {
  const own = property.type === undefined ? [] : ([] as string[]).concat(property.type);
  const types = [...own, ...(property.anyOf ?? []).flatMap(acceptedTypes)];
  return types.includes("integer") ? [...types, "number"] : types;
}

/** What a schema object and a zod schema disagree on, one line each; empty when they agree. */
function disagreements(properties: Readonly<Record<string, PropertySpec>>, required: readonly string[] | undefined, schema: z.ZodType): string[] {
  const json = z.toJSONSchema(schema, { io: "input" }) as { properties: Record<string, JsonSchemaProperty>; required?: string[] };
  const found: string[] = [];
  const names = (o: object) => Object.keys(o).sort().join(", ");
  if (names(properties) !== names(json.properties)) found.push(`properties: schema has ${names(properties)}, check accepts ${names(json.properties)}`);
  if ([...(required ?? [])].sort().join() !== [...(json.required ?? [])].sort().join()) {
    found.push(`required: schema ${JSON.stringify(required ?? [])}, check ${JSON.stringify(json.required ?? [])}`);
  }
  for (const [name, spec] of Object.entries(properties)) {
    const accepted = json.properties[name];
    if (!accepted) continue;
    if (!acceptedTypes(accepted).includes(spec.type ?? "")) found.push(`${name}: schema type ${spec.type}, check accepts ${acceptedTypes(accepted).join(" | ")}`);
    if (spec.default !== accepted.default) found.push(`${name}: schema default ${spec.default}, check default ${accepted.default}`);
    if (spec.additionalProperties && !acceptedTypes(accepted.additionalProperties ?? {}).includes(spec.additionalProperties.type)) {
      found.push(`${name}: schema values ${spec.additionalProperties.type}, check accepts ${acceptedTypes(accepted.additionalProperties ?? {}).join(" | ")}`);
    }
  }
  return found;
}

test.each(Object.keys(resources) as Array<keyof typeof resources>)("%s: the input properties are what check accepts", (tok) => {
  const spec = resources[tok];
  expect(disagreements(spec.inputProperties, "requiredInputs" in spec ? spec.requiredInputs : [], resourceInputs[tok])).toEqual([]);
});

test.each(Object.keys(functions) as Array<keyof typeof functions>)("%s: the arguments are what the invoke accepts", (tok) => {
  const spec = functions[tok].inputs;
  expect(disagreements(spec.properties, "required" in spec ? spec.required : [], functionArgs[tok])).toEqual([]);
});

test("the comparison notices a disagreement", () => {
  const spec = resources[token("StsCredentials")];
  const retyped = { ...spec.inputProperties, renewBefore: { ...spec.inputProperties.renewBefore, type: "string" as const, default: 300 } };
  expect(disagreements(retyped, ["durationSec"], inputs.stsCredentialsInputs)).toEqual([
    'required: schema ["durationSec"], check []',
    "renewBefore: schema type string, check accepts integer | number",
    "renewBefore: schema default 300, check default 600",
  ]);
});

test("the config variables are the settings configure reads, typed as it parses them, the credentials secret", () => {
  expect(Object.keys(configVariables).sort()).toEqual(Object.values(CONFIG_NAMES).sort());
  const expectedType = (option: keyof typeof CONFIG_NAMES) =>
    WHOLE_NUMBERS.has(option) ? "integer" : option === "allowInsecureHttp" ? "boolean" : option === "endpoints" ? "object" : "string";
  for (const [option, name] of Object.entries(CONFIG_NAMES) as Array<[keyof typeof CONFIG_NAMES, keyof typeof configVariables]>) {
    expect({ name, type: configVariables[name].type }).toEqual({ name, type: expectedType(option) });
  }
  const secret = Object.entries(configVariables).filter(([, v]) => "secret" in v && v.secret).map(([k]) => k);
  expect(secret.sort()).toEqual(["apiKey", "secretKey"]);
  expect(packageSchema(version).provider.inputProperties).toBe(configVariables);
});

test("every property has a description, every required name is a property, every $ref is a type of the package", () => {
  const schema = packageSchema(version);
  const problems: string[] = [];
  const visit = (where: string, properties: Readonly<Record<string, PropertySpec>>, required: readonly string[] = []) => {
    for (const [name, p] of Object.entries(properties)) {
      if (!p.description?.trim()) problems.push(`${where}.${name}: no description`);
      const ref = p.$ref ?? (p.items as { $ref?: string } | undefined)?.$ref;
      if (ref && !(ref.replace("#/types/", "") in schema.types)) problems.push(`${where}.${name}: ${ref} is not a type`);
    }
    for (const name of required) if (!(name in properties)) problems.push(`${where}: required ${name} is not a property`);
  };
  visit("config", schema.config.variables);
  for (const [tok, r] of Object.entries(schema.resources)) {
    visit(`${tok} inputs`, r.inputProperties, r.requiredInputs);
    visit(`${tok} outputs`, r.properties, r.required);
  }
  for (const [tok, f] of Object.entries(schema.functions)) {
    if (f.inputs) visit(`${tok} args`, f.inputs.properties, f.inputs.required);
    visit(`${tok} result`, f.outputs.properties, f.outputs.required);
  }
  for (const [tok, t] of Object.entries(schema.types)) visit(tok, t.properties, t.required);
  expect(problems).toEqual([]);
});

test("the plugin serves this schema, at the package's version", async () => {
  const served = JSON.parse(await pluginProvider(version).getSchema!()) as { name: string; version: string; resources: object };
  expect(served).toEqual(JSON.parse(JSON.stringify(packageSchema(version))));
  expect(served.name).toBe(PACKAGE_NAME);
  expect(served.version).toBe(version);
});

describe("against the emulator, the handlers return the schema's outputs", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator();
    emulator.state.nsmlKeys.push({ name: "key-1", title: "ci", fingerprint: "11:22", createTime: "2026-05-01 09:30:00", publicKey: "ssh-ed25519 AAAA1" });
    const settings: Record<string, string> = { accessKey: emulator.accessKey, secretKey: emulator.secretKey, apiKey: emulator.apiKey, apiUrl: emulator.url };
    configureWith((key) => settings[key.replace(`${PACKAGE_NAME}:`, "")], PACKAGE_NAME);
  });
  afterAll(() => emulator?.close());

  const created: Array<[keyof typeof resources, HandlerKind, Record<string, unknown>]> = [
    [token("SubAccountAccessKey"), "subAccountAccessKey", { subAccountId: "4e066e50-9c3a-11e7-8a66-1e5021fa7c80", keepers: { rotation: "2026-11" }, rotationDays: 90 }],
    [token("SearchSnapshotAuthKey"), "searchSnapshotAuthKey", { serviceGroupInstanceNo: "1531843", accessKeyId: "AK", secretKey: "SK", verify: false }],
    [token("StsCredentials"), "stsCredentials", { durationSec: 900 }],
    [token("NsmlAuthKeys"), "nsmlAuthKeys", { title: "ci" }],
  ];

  test.each(created)("%s: create's outputs are schema properties (or inputs it keeps), with every required one", async (tok, kind, args) => {
    const spec = resources[tok];
    const checked = await handlers[kind].check({}, args);
    expect(checked.failures).toBeUndefined();
    const { outs } = await handlers[kind].create(checked.inputs);
    const known = new Set([...Object.keys(spec.properties), ...Object.keys(spec.inputProperties)]);
    expect(Object.keys(outs).filter((name) => !known.has(name))).toEqual([]);
    expect(spec.required.filter((name) => !(name in outs))).toEqual([]);
  });

  test.each([
    [token("getSubAccountAccessKeys"), "getSubAccountAccessKeys", { subAccountId: "4e066e50-9c3a-11e7-8a66-1e5021fa7c80" }],
    [token("getStsCredentials"), "getStsCredentials", { durationSec: 900 }],
    [token("getNsmlAuthKeys"), "getNsmlAuthKeys", {}],
  ] as const)("%s: the invoke's outputs are the schema's result", async (tok, name, args) => {
    const spec = functions[tok].outputs;
    const { outputs } = await handlerFunctions[name]({ ...args });
    expect(Object.keys(outputs ?? {}).filter((key) => !(key in spec.properties))).toEqual([]);
    expect(spec.required.filter((key) => !(key in (outputs ?? {})))).toEqual([]);
  });

  test("an invoke with a bad argument fails naming it, before any request", async () => {
    const from = emulator.requests.length;
    expect(await handlerFunctions.getStsCredentials({ durationSec: 60 })).toEqual({
      failures: [{ property: "durationSec", reason: "durationSec must be at least 600 (10 minutes)" }],
    });
    expect(emulator.requests.length).toBe(from);
  });
});

test("every type is used", () => {
  const text = JSON.stringify({ resources, functions });
  expect(Object.keys(types).filter((tok) => !text.includes(`#/types/${tok}`))).toEqual([]);
});
