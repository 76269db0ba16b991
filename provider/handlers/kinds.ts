/** The resource kinds the handlers serve; also the keys of `handlers` in ./index. */
export type HandlerKind = "subAccountAccessKey" | "searchSnapshotAuthKey" | "stsCredentials" | "nsmlAuthKeys";

/** Every HandlerKind, for code that walks them all (the bench); `satisfies` fails the build when a kind is missing. */
export const HANDLER_KINDS = Object.keys({
  subAccountAccessKey: true,
  searchSnapshotAuthKey: true,
  stsCredentials: true,
  nsmlAuthKeys: true,
} satisfies Record<HandlerKind, true>) as readonly HandlerKind[];

/**
 * The properties of each kind that hold a secret, in its inputs or its state: the secret outputs
 * each resource class declares, and STS's MFA `tokenCode`. Before a handler talks to NCP, their
 * values are given to the client (./client rememberResourceSecrets), so an NCP answer quoting
 * one back is redacted on every path, whichever call it answers.
 */
export const SECRET_PROPERTIES: Record<HandlerKind, readonly string[]> = {
  subAccountAccessKey: ["keySecret"],
  searchSnapshotAuthKey: ["secretKey"],
  stsCredentials: ["keySecret", "tokenCode"],
  nsmlAuthKeys: ["apiKey"],
};

/** Pulumi's marker for a value not yet known during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
