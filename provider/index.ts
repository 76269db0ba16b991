/**
 * pulumi-ncloud-keys: NAVER Cloud Platform credentials as Pulumi resources and data sources.
 * The SDK is at `pulumi-ncloud-keys/sdk`, the local NCP emulator at `pulumi-ncloud-keys/emulator`.
 */
export { SubAccountAccessKey, type SubAccountAccessKeyArgs } from "./subAccountAccessKey";
export { SearchSnapshotAuthKey, type SearchSnapshotAuthKeyArgs } from "./searchSnapshotAuthKey";
export { StsCredentials, type StsCredentialsArgs } from "./stsCredentials";
export { NsmlAuthKeys, type NsmlAuthKeysArgs, type NsmlAuthKey } from "./nsmlAuthKeys";
export { getStsCredentials, getStsCredentialsOutput, type GetStsCredentialsArgs, type GetStsCredentialsOutputArgs, type GetStsCredentialsResult } from "./getStsCredentials";
export { getNsmlAuthKeys, getNsmlAuthKeysOutput, type GetNsmlAuthKeysArgs, type GetNsmlAuthKeysOutputArgs, type GetNsmlAuthKeysResult } from "./getNsmlAuthKeys";
export {
  getSubAccountAccessKeys,
  getSubAccountAccessKeysOutput,
  type GetSubAccountAccessKeysArgs,
  type GetSubAccountAccessKeysOutputArgs,
  type GetSubAccountAccessKeysResult,
} from "./getSubAccountAccessKeys";
export type { AuditedAccessKey } from "./handlers/keyAudit";
export { CONFIG_KEYS } from "./handlers/settings";
