/**
 * The part of Pulumi's package schema (https://www.pulumi.com/docs/iac/using-pulumi/extending-pulumi/schema/)
 * that this package uses, typed so the compiler holds the schema to it, and so the schema's
 * properties can be turned into TypeScript types (`PropertiesOf`) that a test compares with the
 * resources' own (tests/plugin/schemaTypes.test.ts).
 */
export type PrimitiveType = "string" | "integer" | "number" | "boolean";

export interface PropertySpec {
  readonly description: string;
  readonly type?: PrimitiveType | "array" | "object";
  /** For `array`: the element type. */
  readonly items?: PropertySpec | RefSpec;
  /** For `object`: the type of every value (a map). */
  readonly additionalProperties?: { readonly type: PrimitiveType };
  /** A type of this package, e.g. `#/types/ncloud-keys:index:NsmlAuthKey`. */
  readonly $ref?: string;
  /** Pulumi encrypts it in state and masks it in the CLI; the SDKs mark it secret. */
  readonly secret?: boolean;
  readonly default?: string | number | boolean;
  /** Documentation only: changing it replaces the resource (the provider's diff decides). */
  readonly willReplaceOnChanges?: boolean;
}

export interface RefSpec {
  readonly $ref: string;
  readonly description?: string;
}

export interface ObjectTypeSpec {
  readonly description: string;
  readonly type: "object";
  readonly properties: Readonly<Record<string, PropertySpec>>;
  readonly required?: readonly string[];
}

export interface ResourceSpec {
  readonly description: string;
  readonly inputProperties: Readonly<Record<string, PropertySpec>>;
  readonly requiredInputs?: readonly string[];
  readonly properties: Readonly<Record<string, PropertySpec>>;
  readonly required?: readonly string[];
}

export interface FunctionSpec {
  readonly description: string;
  readonly inputs?: Omit<ObjectTypeSpec, "description">;
  readonly outputs: Omit<ObjectTypeSpec, "description">;
}

export interface PackageSpec {
  readonly name: string;
  readonly displayName: string;
  readonly version: string;
  readonly description: string;
  readonly keywords: readonly string[];
  readonly license: string;
  readonly repository?: string;
  readonly config: { readonly variables: Readonly<Record<string, PropertySpec>> };
  readonly provider: { readonly description: string; readonly inputProperties: Readonly<Record<string, PropertySpec>> };
  readonly resources: Readonly<Record<string, ResourceSpec>>;
  readonly functions: Readonly<Record<string, FunctionSpec>>;
  readonly types: Readonly<Record<string, ObjectTypeSpec>>;
  readonly language: Readonly<Record<string, unknown>>;
}

/** The TypeScript type a schema property describes; `Types` maps `$ref`s to their types. */
type TypeOf<P, Types> = P extends { readonly $ref: `#/types/${infer T}` }
  ? T extends keyof Types ? Types[T] : never
  : P extends { readonly type: "string" } ? string
  : P extends { readonly type: "integer" | "number" } ? number
  : P extends { readonly type: "boolean" } ? boolean
  : P extends { readonly type: "array"; readonly items: infer I } ? Array<TypeOf<I, Types>>
  : P extends { readonly type: "object"; readonly additionalProperties: infer V } ? Record<string, TypeOf<V, Types>>
  : never;

type Simplify<T> = { [K in keyof T]: T[K] };

/**
 * The object type of a schema object: required names as required properties, the others optional.
 * E.g. `PropertiesOf<{ a: { type: "string" } }, ["a"], {}>` is `{ a: string }`.
 */
export type PropertiesOf<Props, Required extends readonly string[] | undefined, Types = object> = Simplify<
  { -readonly [K in keyof Props as K extends ArrayElement<Required> ? K : never]: TypeOf<Props[K], Types> } & {
    -readonly [K in keyof Props as K extends ArrayElement<Required> ? never : K]?: TypeOf<Props[K], Types>;
  }
>;

type ArrayElement<A> = A extends readonly (infer E)[] ? E : never;
