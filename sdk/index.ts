/** Public API of the NCP SDK (`pulumi-ncloud-keys/sdk`). */
export { NcloudClient, type NcloudClientOptions } from "./client";
export { NcloudError, INVALID_INPUT, type NcloudErrorFields, type ServiceName } from "./errors/errors";
export { type ConfigOptions, type Credentials, NcloudConfig } from "./settings/config";
export { type Region, type Site, type Service, DEFAULT_REGION, SEARCH_ENGINE_PATHS, SERVICES, SITES } from "./settings/endpoints";
export { type EndpointOverrides, parseEndpointOverrides } from "./settings/endpointOverrides";
export type { DebugSink } from "./call/debug";
export type { ServerClock, ServerTimeRange } from "./call/serverClock";
export type { HttpMethod } from "./call/retry";
export { type AccessKeySummary, type CreatedAccessKey, SubAccountClient } from "./clients/subAccount";
export { type CreateCredentialsInput, type StsCredentials, StsClient } from "./clients/sts";
export { type CreateAuthKeyInput, type NsmlAuthKey, type NsmlAuthKeyList, NsmlClient } from "./clients/nsml";
export {
  type ApiAuthenticationKey,
  type Bucket,
  type SearchEngineCallOptions,
  SearchEngineClient,
} from "./clients/searchEngine";
export { isOpenSshPublicKey } from "./validate";
export * from "./signer";
