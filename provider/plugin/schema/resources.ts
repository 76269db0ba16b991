import type { ResourceSpec } from "./spec";
import { token } from "./tokens";

/**
 * The four resources, with the names and shapes of the TypeScript resources (provider/*.ts); the
 * doc text says the same as their doc comments. Whether a change replaces is the provider's diff
 * (the handlers'); `willReplaceOnChanges` only documents it.
 */
const subAccountAccessKeyInputs = {
  subAccountId: {
    type: "string",
    willReplaceOnChanges: true,
    description: "The Sub Account that owns the key (its id, e.g. `4e066e50-9c3a-11e7-8a66-1e5021fa7c80`). Changing it replaces the key.",
  },
  active: { type: "boolean", default: true, description: "Whether the key may sign API calls. Default `true`. Changing it updates the key in place." },
  keepers: {
    type: "object",
    additionalProperties: { type: "string" },
    willReplaceOnChanges: true,
    description:
      "Arbitrary strings whose change replaces the key: put a rotation date here to rotate it. Replacement is create-before-delete " +
      "unless the resource has `deleteBeforeReplace: true`.",
  },
  rotationDays: {
    type: "integer",
    description:
      "Rotate by age: once the key's `createTime` is this many whole days (1 or more) ago, the next `pulumi preview`/`up` replaces it " +
      "(create-before-delete, so consumers get the new key before the old one is deleted). Run `pulumi up` on a schedule to rotate " +
      "without anyone remembering. Changing it alone only moves `rotatesAt`, unless the key is already due. Default: no rotation by age.",
  },
  exclusive: {
    type: "boolean",
    description:
      "Your word that this stack alone creates keys on the sub account. After a create whose answer was lost, the provider then " +
      "deletes every key that appeared meanwhile (and says which); without it, it deletes only what it can prove is its own and " +
      "names the rest (docs/orphans.md). Default `false`. Changing it updates in place and sends nothing.",
  },
} as const;

const searchSnapshotAuthKeyInputs = {
  serviceGroupInstanceNo: {
    type: "string",
    willReplaceOnChanges: true,
    description: "The Search Engine service group's instance number, e.g. `\"1531843\"`. Changing it replaces the resource.",
  },
  accessKeyId: { type: "string", description: "The Object Storage access key id the service group uses for snapshots." },
  secretKey: { type: "string", secret: true, description: "The secret key of `accessKeyId`. Stored only as a Pulumi secret." },
  region: {
    type: "string",
    willReplaceOnChanges: true,
    description:
      "The service group's NCP region code. Public site: `KR` (`/api/v2`), `SGN` (`/api/sgn-v2`), `JPN` (`/api/jpn-v2`); gov: `KR` " +
      "(`/api/v2`), `KRS` (`/api/krs-v2`); fin: `FKR` (`/api/v2`). Default: the provider's `region`, else `KR` (`FKR` on fin). " +
      "Changing it replaces the resource.",
  },
  verify: {
    type: "boolean",
    default: true,
    description: "After setting the key, list the snapshot buckets to prove the key reaches Object Storage. Default `true`.",
  },
} as const;

const stsCredentialsInputs = {
  durationSec: {
    type: "integer",
    description: "Lifetime of temporary credentials in seconds, 600..43200 (NCP's default 3600). Setting any argument asks for temporary credentials.",
  },
  serialNumber: { type: "string", description: "The MFA device's serial number or NRN, for MFA-authenticated temporary credentials." },
  tokenCode: { type: "integer", description: "The MFA device's current 6-digit OTP code." },
  renewBefore: {
    type: "integer",
    default: 600,
    description: "Seconds before `expireTime` from which `pulumi up` replaces the credentials with fresh ones. Default 600.",
  },
} as const;

const nsmlAuthKeysInputs = {
  apiKey: { type: "string", secret: true, description: "The API Gateway API key CLOVA NSML requires. Default: the provider's `apiKey`. Always a secret." },
  title: { type: "string", willReplaceOnChanges: true, description: "Only keys with this title. Default: every key." },
} as const;

export const resources = {
  [token("SubAccountAccessKey")]: {
    description:
      "An access key of a NAVER Cloud Sub Account (`POST /api/v1/sub-accounts/{subAccountId}/access-keys`).\n\n" +
      "NCP returns the key's secret only when the key is created; it reaches state only as a Pulumi secret. Refresh notices a key " +
      "deleted or deactivated outside Pulumi.\n\n" +
      "## Import\n\nAn existing key is imported by its sub account and access key id:\n\n" +
      "```sh\npulumi import ncloud-keys:index:SubAccountAccessKey my-key <subAccountId>/<accessKey>\n```\n\n" +
      "An imported key has no `keySecret`: NCP shows a key's secret only in the answer that created it, so no one can read it " +
      "again. Pulumi manages the key from then on (`active`, rotation by `keepers` or `rotationDays`); the first rotation gives " +
      "a key with a `keySecret`.",
    inputProperties: subAccountAccessKeyInputs,
    requiredInputs: ["subAccountId"],
    properties: {
      subAccountId: { type: "string", description: "The Sub Account that owns the key." },
      accessKey: { type: "string", description: "The access key id (also the resource id)." },
      keySecret: { type: "string", secret: true, description: "The secret key. Always a Pulumi secret. Absent for an imported key: NCP never shows it again." },
      active: { type: "boolean", description: "Whether the key is active." },
      createTime: { type: "string", description: "When NCP created the key, ISO 8601." },
      keepers: { type: "object", additionalProperties: { type: "string" }, description: "The keepers the key was created with." },
      rotationDays: { type: "integer", description: "The rotation age in days, when set." },
      rotatesAt: { type: "string", description: "When the key is due for rotation (`createTime` + `rotationDays`), ISO 8601; absent without `rotationDays`." },
      exclusive: { type: "boolean", description: "Whether the stack said it alone creates keys on the sub account, when set." },
    },
    required: ["subAccountId", "accessKey", "active", "createTime"],
  },
  [token("SearchSnapshotAuthKey")]: {
    description:
      "The Object Storage key a Search Engine service group uses for snapshots " +
      "(`POST {prefix}/snapshot/updateAPIAuthenticationKey/{serviceGroupInstanceNo}`).\n\n" +
      "NCP has no call to read the key back or to unset it: refresh notices only a service group that is gone, and delete forgets " +
      "the resource while the service group keeps its last key. Nothing to import: creating the resource sets the key again, which " +
      "is safe to repeat.",
    inputProperties: searchSnapshotAuthKeyInputs,
    requiredInputs: ["serviceGroupInstanceNo", "accessKeyId", "secretKey"],
    properties: {
      serviceGroupInstanceNo: { type: "string", description: "The service group's instance number (also the resource id)." },
      accessKeyId: { type: "string", description: "The access key id set on the service group." },
      secretKey: { type: "string", secret: true, description: "The secret key set on the service group. Always a Pulumi secret." },
      region: { type: "string", description: "The NCP region code of the service group." },
      site: { type: "string", description: "The NCP site the key was set on (`public`, `gov` or `fin`). A new site replaces the resource." },
      verify: { type: "boolean", description: "Whether the key was verified against Object Storage." },
      requestId: { type: "string", description: "NCP's request id of the last key update." },
      updatedAt: { type: "string", description: "When the key was last set, ISO 8601." },
    },
    required: ["serviceGroupInstanceNo", "accessKeyId", "secretKey", "region", "site", "verify", "requestId", "updatedAt"],
  },
  [token("StsCredentials")]: {
    description:
      "Secure Token Service credentials (`/api/v1/credentials`), as a read-only resource: with no arguments the caller's own access " +
      "key (GET); with any, temporary credentials (POST) that each `pulumi up` renews once they are within `renewBefore` seconds of " +
      "expiry. Delete is a no-op: NCP has no call to revoke them, they end at `expireTime`.",
    inputProperties: stsCredentialsInputs,
    properties: {
      accessKey: { type: "string", description: "The access key id." },
      keySecret: { type: "string", secret: true, description: "The secret key (temporary credentials only). Always a Pulumi secret." },
      createTime: { type: "string", description: "When the credentials were created, ISO 8601." },
      expireTime: { type: "string", description: "When temporary credentials expire, ISO 8601." },
      useMfa: { type: "boolean", description: "Whether the temporary credentials were MFA-authenticated." },
      renewBefore: { type: "integer", description: "Seconds before expiry from which `pulumi up` renews the credentials." },
    },
    required: ["accessKey", "createTime", "renewBefore"],
  },
  [token("NsmlAuthKeys")]: {
    description:
      "The CLOVA NSML authentication keys (`GET /nsml/v1/auth-keys`), as a read-only resource: create reads them, `pulumi refresh` " +
      "reads them again, delete forgets them.",
    inputProperties: nsmlAuthKeysInputs,
    properties: {
      keys: { type: "array", items: { $ref: `#/types/${token("NsmlAuthKey")}` }, description: "The keys, filtered by `title` when given." },
      totalCount: { type: "integer", description: "How many keys `keys` holds." },
      title: { type: "string", description: "The title filter, if any." },
    },
    required: ["keys", "totalCount"],
  },
} as const satisfies Record<string, ResourceSpec>;
