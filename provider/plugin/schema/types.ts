import type { ObjectTypeSpec } from "./spec";
import { token } from "./tokens";

/** The object types the resources and functions return in lists. */
export const types = {
  [token("NsmlAuthKey")]: {
    type: "object",
    description: "A CLOVA NSML authentication key, as the listing shows it.",
    properties: {
      name: { type: "string", description: "The key's name." },
      title: { type: "string", description: "The key's title." },
      fingerprint: { type: "string", description: "The fingerprint of the key's public key." },
      createTime: { type: "string", description: "When the key was created, ISO 8601 (NCP's Korea Standard Time, written out)." },
    },
    required: ["name", "title", "fingerprint", "createTime"],
  },
  [token("AuditedAccessKey")]: {
    type: "object",
    description: "An access key of a sub account with its age. Never a secret: NCP shows a key's secret only when it is created.",
    properties: {
      accessKey: { type: "string", description: "The access key id." },
      active: { type: "boolean", description: "Whether the key is active." },
      createTime: { type: "string", description: "When NCP created the key, ISO 8601 (whole seconds, NCP's clock)." },
      ageDays: { type: "integer", description: "Whole days since `createTime`, by NCP's clock." },
    },
    required: ["accessKey", "active", "createTime", "ageDays"],
  },
} as const satisfies Record<string, ObjectTypeSpec>;
