/**
 * The special values the Pulumi engine puts into property Structs, and the conversion between
 * plain JS objects and `google.protobuf.Struct`.
 *
 * Constants are copied from `@pulumi/pulumi/runtime/rpc.js` (specialSigKey, specialSecretSig,
 * unknownValue) rather than imported from that internal module, so a rename there fails our tests
 * loudly instead of silently agreeing with itself.
 */
import { Struct } from "google-protobuf/google/protobuf/struct_pb";

/** The key under which the engine marks a map as a special value (secret, asset, ...). */
export const specialSigKey = "4dabf18193072939515e22adb298388d";
/** The signature that marks a map as a secret: `{ [specialSigKey]: secretSig, value }`. */
export const secretSig = "1b47061264138c4ac30d75fd1eb44270";
/** The string the engine sends for a value not known yet (during preview). */
export const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** The property in which a dynamic resource carries its serialized provider. */
export const providerKey = "__provider";

/** A JSON value as it travels in a Struct. */
export type WireValue = null | boolean | number | string | WireValue[] | { [key: string]: WireValue };
/** A property map as it travels in a Struct. */
export type WireObject = { [key: string]: WireValue };

/** A secret as the engine encodes it on the wire. (A type alias, so it is also a WireValue.) */
export type WireSecret = {
  [specialSigKey]: typeof secretSig;
  value: WireValue;
};

/** Marks `value` secret, in the shape the engine sends secrets in. */
export function secret(value: WireValue): WireSecret {
  return { [specialSigKey]: secretSig, value };
}

/** Whether `v` is a secret in the engine's wire shape. */
export function isSecret(v: unknown): v is WireSecret {
  return typeof v === "object" && v !== null && (v as Record<string, unknown>)[specialSigKey] === secretSig;
}

/** Strips every secret wrapper, deeply: what the engine sends to a provider that does not accept secrets. */
export function reveal(v: WireValue): WireValue {
  if (isSecret(v)) {
    return reveal(v.value);
  }
  if (Array.isArray(v)) {
    return v.map(reveal);
  }
  if (typeof v === "object" && v !== null) {
    return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, reveal(item)]));
  }
  return v;
}

/** Strips every secret wrapper in a property map. */
export function revealAll(props: WireObject): WireObject {
  return reveal(props) as WireObject;
}

/** Plain object → Struct. `undefined` members are dropped, as JSON would. */
export function toStruct(props: WireObject): Struct {
  return Struct.fromJavaScript(JSON.parse(JSON.stringify(props)) as WireObject);
}

/** Struct (possibly absent, as protobuf allows) → plain object. */
export function fromStruct(struct: Struct | undefined): WireObject {
  return struct ? (struct.toJavaScript() as WireObject) : {};
}
