import { z } from "zod";
import { NcloudError } from "../errors/errors";
import { requireBoolean, requirePathSafeId } from "../validate";
import { type ClientContext, call, enc } from "./call";

// Public types are written out, not z.infer'd: a .d.ts that names zod pulls zod's locale types into
// the user's compile, which fails without esModuleInterop (TS1259, the `pulumi new typescript` tsconfig).
export interface AccessKeySummary {
  accessKey: string;
  active: boolean;
  createTime: string;
}

export interface CreatedAccessKey {
  accessKey: string;
  /** Shown only in the create response: NCP never returns it again. */
  keySecret: string;
  createTime: string;
}

/** https://api.ncloud-docs.com/docs/en/management-subaccount-createaccesskey and siblings. */
const accessKeySummarySchema: z.ZodType<AccessKeySummary> = z.object({
  accessKey: z.string(),
  active: z.boolean(),
  createTime: z.string(),
});

const createdAccessKeySchema: z.ZodType<CreatedAccessKey> = z.object({
  accessKey: z.string(),
  /** Shown only in the create response: NCP never returns it again. */
  keySecret: z.string(),
  createTime: z.string(),
});

// NCP documents a bare array; some gateway versions wrap it. Accept both.
const listSchema = z.union([z.array(accessKeySummarySchema), z.object({ accessKeys: z.array(accessKeySummarySchema) })]);
const successSchema = z.object({ success: z.boolean().optional() }).passthrough().optional();

function keysPath(subAccountId: string): string {
  return `/sub-accounts/${enc(subAccountId)}/access-keys`;
}

export class SubAccountClient {
  readonly #ctx: ClientContext;

  constructor(ctx: ClientContext) {
    this.#ctx = ctx;
  }

  async listAccessKeys(subAccountId: string): Promise<AccessKeySummary[]> {
    const operation = "subAccount.listAccessKeys";
    const id = requirePathSafeId(operation, "subAccountId", subAccountId);
    const body = await call(this.#ctx, {
      service: "subAccount",
      operation,
      method: "GET",
      path: keysPath(id),
      response: listSchema,
    });
    return Array.isArray(body) ? body : body.accessKeys;
  }

  async createAccessKey(subAccountId: string): Promise<CreatedAccessKey> {
    const operation = "subAccount.createAccessKey";
    const id = requirePathSafeId(operation, "subAccountId", subAccountId);
    return call(this.#ctx, { service: "subAccount", operation, method: "POST", path: keysPath(id), response: createdAccessKeySchema });
  }

  async deleteAccessKey(subAccountId: string, accessKey: string): Promise<void> {
    const operation = "subAccount.deleteAccessKey";
    const id = requirePathSafeId(operation, "subAccountId", subAccountId);
    const key = requirePathSafeId(operation, "accessKey", accessKey);
    await this.#change(operation, "DELETE", id, { accessKey: key });
  }

  async setAccessKeyActive(subAccountId: string, accessKey: string, active: boolean): Promise<void> {
    const operation = "subAccount.setAccessKeyActive";
    const id = requirePathSafeId(operation, "subAccountId", subAccountId);
    const key = requirePathSafeId(operation, "accessKey", accessKey);
    await this.#change(operation, "PUT", id, { accessKey: key, active: requireBoolean(operation, "active", active) });
  }

  async #change(operation: string, method: "PUT" | "DELETE", id: string, body: object): Promise<void> {
    const res = await call(this.#ctx, { service: "subAccount", operation, method, path: keysPath(id), body, response: successSchema });
    if (res?.success === false) {
      throw new NcloudError(`${operation} failed: NCP answered success=false. Fix: list the keys and try again`, {
        status: 200,
        service: "subAccount",
        operation,
      });
    }
  }
}
