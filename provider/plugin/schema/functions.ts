import type { FunctionSpec } from "./spec";
import { token } from "./tokens";

/** The get functions, with the arguments and results of the TypeScript ones (provider/get*.ts). */
export const functions = {
  [token("getSubAccountAccessKeys")]: {
    description:
      "Lists every access key of a sub account with its age, on every program run " +
      "(`GET /api/v1/sub-accounts/{subAccountId}/access-keys`): an audit that finds keys Pulumi does not hold (compare with your " +
      "SubAccountAccessKey resources' `accessKey`) and keys too old.",
    inputs: {
      type: "object",
      properties: {
        subAccountId: { type: "string", description: "The Sub Account whose keys to list (its id, e.g. `4e066e50-9c3a-11e7-8a66-1e5021fa7c80`)." },
      },
      required: ["subAccountId"],
    },
    outputs: {
      type: "object",
      properties: {
        subAccountId: { type: "string", description: "The sub account listed." },
        keys: {
          type: "array",
          items: { $ref: `#/types/${token("AuditedAccessKey")}` },
          description: "Every access key of the sub account, oldest first. Never a secret: NCP shows a key's secret only when it is created.",
        },
        activeCount: { type: "integer", description: "How many keys are active (NCP allows at most 2 per sub account)." },
      },
      required: ["subAccountId", "keys", "activeCount"],
    },
  },
  [token("getStsCredentials")]: {
    description:
      "Reads STS credentials on every program run: with no arguments the caller's own access key (`GET /api/v1/credentials`), " +
      "with any, new temporary credentials (`POST`).",
    inputs: {
      type: "object",
      properties: {
        durationSec: { type: "integer", description: "Lifetime of temporary credentials in seconds, 600..43200. Setting any argument asks for temporary credentials." },
        serialNumber: { type: "string", description: "The MFA device's serial number or NRN." },
        tokenCode: { type: "integer", description: "The MFA device's current 6-digit OTP code." },
      },
    },
    outputs: {
      type: "object",
      properties: {
        accessKey: { type: "string", description: "The access key id." },
        keySecret: { type: "string", secret: true, description: "The secret key (temporary credentials only). Always a secret." },
        createTime: { type: "string", description: "When the credentials were created, ISO 8601." },
        expireTime: { type: "string", description: "When temporary credentials expire, ISO 8601." },
        useMfa: { type: "boolean", description: "Whether the temporary credentials were MFA-authenticated." },
      },
      required: ["accessKey", "createTime"],
    },
  },
  [token("getNsmlAuthKeys")]: {
    description: "Lists the CLOVA NSML authentication keys on every program run (`GET /nsml/v1/auth-keys`).",
    inputs: {
      type: "object",
      properties: {
        apiKey: { type: "string", secret: true, description: "The API Gateway API key CLOVA NSML requires. Default: the provider's `apiKey`." },
        title: { type: "string", description: "Only keys with this title." },
      },
    },
    outputs: {
      type: "object",
      properties: {
        keys: { type: "array", items: { $ref: `#/types/${token("NsmlAuthKey")}` }, description: "The keys, filtered by `title` when given." },
        totalCount: { type: "integer", description: "How many keys `keys` holds." },
      },
      required: ["keys", "totalCount"],
    },
  },
} as const satisfies Record<string, FunctionSpec>;
