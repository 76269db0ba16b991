/** The resource kinds the handlers serve; also the keys of `handlers` in ./index. */
export type HandlerKind = "subAccountAccessKey" | "searchSnapshotAuthKey" | "stsCredentials" | "nsmlAuthKeys";

/** Every HandlerKind, for code that walks them all (the bench); `satisfies` fails the build when a kind is missing. */
export const HANDLER_KINDS = Object.keys({
  subAccountAccessKey: true,
  searchSnapshotAuthKey: true,
  stsCredentials: true,
  nsmlAuthKeys: true,
} satisfies Record<HandlerKind, true>) as readonly HandlerKind[];

/** Pulumi's marker for a value not yet known during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
