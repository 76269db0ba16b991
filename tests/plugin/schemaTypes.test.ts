/**
 * The schema and the TypeScript resources describe the same names and shapes: the schema's
 * properties, turned into TypeScript types (provider/plugin/schema/spec.ts `PropertiesOf`), must
 * equal the dynamic resources' args and outputs and the get functions' args and results. A
 * property added, renamed, retyped or made optional on one side only fails `npm run typecheck`
 * (which covers tests/) and this file under jest.
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as ts from "../../provider";
import type { functions, resources, types } from "../../provider/plugin/schema";
import type { PropertiesOf } from "../../provider/plugin/schema/spec";

/** True only when X and Y are the same type. */
type Equal<X, Y> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? true : false;
/** Every property required and writable, `undefined` taken out: the types to compare. */
type Shape<T> = { -readonly [K in keyof T]-?: Exclude<T[K], undefined> };
/** The properties that may be absent (optional, or `undefined` in their type). */
type OptionalKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? K : never }[keyof T];
/** Same shapes, and the same properties optional. */
type Same<X, Y> = [Equal<Shape<X>, Shape<Y>>, Equal<OptionalKeys<X>, OptionalKeys<Y>>];

type Types = { [K in keyof typeof types]: PropertiesOf<(typeof types)[K]["properties"], (typeof types)[K]["required"]> };
type Resources = typeof resources;
type Functions = typeof functions;
type Get<T, K extends string> = T extends { readonly [P in K]: infer V } ? V : never;
type RequiredOf<S> = S extends { readonly required: infer R extends readonly string[] } ? R : [];
type RequiredInputsOf<S> = S extends { readonly requiredInputs: infer R extends readonly string[] } ? R : [];

type Resource<N extends string> = Get<Resources, `ncloud-keys:index:${N}`>;
type Function<N extends string> = Get<Functions, `ncloud-keys:index:${N}`>;
type SchemaArgs<N extends string> = PropertiesOf<Get<Resource<N>, "inputProperties">, RequiredInputsOf<Resource<N>>, Types>;
type SchemaOutputs<N extends string> = PropertiesOf<Get<Resource<N>, "properties">, RequiredOf<Resource<N>>, Types>;
type SchemaFunctionArgs<N extends string> = PropertiesOf<Get<Get<Function<N>, "inputs">, "properties">, RequiredOf<Get<Function<N>, "inputs">>, Types>;
type SchemaFunctionResult<N extends string> = PropertiesOf<Get<Get<Function<N>, "outputs">, "properties">, RequiredOf<Get<Function<N>, "outputs">>, Types>;

/** A resource class's outputs: its own `Output` members, unwrapped. */
type ClassOutputs<C> = { [K in keyof C as K extends keyof pulumi.CustomResource ? never : C[K] extends pulumi.Output<unknown> ? K : never]: pulumi.Unwrap<C[K]> };

const checks = {
  SubAccountAccessKey: {
    args: [true, true] as Same<SchemaArgs<"SubAccountAccessKey">, pulumi.Unwrap<ts.SubAccountAccessKeyArgs>>,
    // The one difference, on purpose: an imported key has no keySecret (NCP never shows it again),
    // and only the plugin can import; a key the TypeScript resource created always has one.
    outputs: [true, true] as Same<SchemaOutputs<"SubAccountAccessKey">, Omit<ClassOutputs<ts.SubAccountAccessKey>, "keySecret"> & { keySecret?: string }>,
  },
  SearchSnapshotAuthKey: {
    args: [true, true] as Same<SchemaArgs<"SearchSnapshotAuthKey">, pulumi.Unwrap<ts.SearchSnapshotAuthKeyArgs>>,
    outputs: [true, true] as Same<SchemaOutputs<"SearchSnapshotAuthKey">, ClassOutputs<ts.SearchSnapshotAuthKey>>,
  },
  StsCredentials: {
    args: [true, true] as Same<SchemaArgs<"StsCredentials">, pulumi.Unwrap<ts.StsCredentialsArgs>>,
    outputs: [true, true] as Same<SchemaOutputs<"StsCredentials">, ClassOutputs<ts.StsCredentials>>,
  },
  NsmlAuthKeys: {
    args: [true, true] as Same<SchemaArgs<"NsmlAuthKeys">, pulumi.Unwrap<ts.NsmlAuthKeysArgs>>,
    outputs: [true, true] as Same<SchemaOutputs<"NsmlAuthKeys">, ClassOutputs<ts.NsmlAuthKeys>>,
  },
  getSubAccountAccessKeys: {
    args: [true, true] as Same<SchemaFunctionArgs<"getSubAccountAccessKeys">, ts.GetSubAccountAccessKeysArgs>,
    result: [true, true] as Same<SchemaFunctionResult<"getSubAccountAccessKeys">, ts.GetSubAccountAccessKeysResult>,
  },
  getStsCredentials: {
    args: [true, true] as Same<SchemaFunctionArgs<"getStsCredentials">, ts.GetStsCredentialsArgs>,
    // keySecret is a secret Output in the TypeScript result, even in its Promise form.
    result: [true, true] as Same<SchemaFunctionResult<"getStsCredentials">, pulumi.Unwrap<ts.GetStsCredentialsResult>>,
  },
  getNsmlAuthKeys: {
    args: [true, true] as Same<SchemaFunctionArgs<"getNsmlAuthKeys">, ts.GetNsmlAuthKeysArgs>,
    result: [true, true] as Same<SchemaFunctionResult<"getNsmlAuthKeys">, ts.GetNsmlAuthKeysResult>,
  },
};

test.each(Object.entries(checks))("%s: the schema's names and types are the TypeScript resource's", (_name, check) => {
  // The assertions are the types above; at run time each holds the `true, true` the compiler allowed.
  for (const same of Object.values(check)) expect(same).toEqual([true, true]);
});
