/**
 * Test-only program: the caller's own credentials (StsCredentials with no arguments, a GET). When
 * the calls are signed with temporary credentials (a server role's), NCP answers them with their
 * secret, which must reach the state and the stack outputs only as a Pulumi secret.
 */
import * as ncloud from "pulumi-ncloud-keys";

const own = new ncloud.StsCredentials("own", {});

export const accessKey = own.accessKey;
export const keySecret = own.keySecret;
export const expireTime = own.expireTime;
