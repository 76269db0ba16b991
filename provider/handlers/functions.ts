import type { z } from "zod";
import { propertyFailures } from "./check";
import { ncloudClient } from "./client";
import { auditSubAccountKeys } from "./keyAudit";
import { readNsmlAuthKeys } from "./nsmlAuthKeys";
import { getNsmlAuthKeysArgs, getStsCredentialsArgs, getSubAccountAccessKeysArgs } from "./schemas";
import { readStsCredentials } from "./stsCredentials";

/**
 * The get functions as the provider plugin serves them (Pulumi's invokes): the arguments checked
 * with the resources' rules, then the same read the TypeScript get functions make. A bad argument
 * is a failure naming it and the fix, as `check` gives for a resource.
 */
export interface FunctionResult {
  outputs?: Record<string, unknown>;
  failures?: Array<{ property: string; reason: string }>;
}

function checked<S extends z.ZodType>(schema: S, args: Record<string, unknown>, read: (args: z.output<S>) => Promise<object>): Promise<FunctionResult> {
  const parsed = schema.safeParse(args);
  if (!parsed.success) return Promise.resolve({ failures: propertyFailures(parsed.error.issues, "(args)") });
  return read(parsed.data).then((outputs) => ({ outputs: { ...outputs } }));
}

export function getSubAccountAccessKeys(args: Record<string, unknown>): Promise<FunctionResult> {
  return checked(getSubAccountAccessKeysArgs, args, ({ subAccountId }) => auditSubAccountKeys(ncloudClient(), subAccountId));
}

export function getStsCredentials(args: Record<string, unknown>): Promise<FunctionResult> {
  return checked(getStsCredentialsArgs, args, (resolved) => readStsCredentials(ncloudClient(), resolved));
}

export function getNsmlAuthKeys(args: Record<string, unknown>): Promise<FunctionResult> {
  return checked(getNsmlAuthKeysArgs, args, (resolved) => readNsmlAuthKeys(ncloudClient(), resolved));
}
