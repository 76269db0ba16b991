/**
 * A local stand-in for the four NCP APIs this project uses (Sub Account, STS, CLOVA NSML, Search
 * Engine), checking signatures like the API Gateway. See docs/ncp-wire.md.
 */
export { startEmulator } from "./server";
export { EmulatorState } from "./state";
export type { NsmlKey, ServiceGroup, StsCredentials, SubAccountKey } from "./state";
export type { Emulator, EmulatorOptions, FaultRule, Region, RequestRecord } from "./types";
