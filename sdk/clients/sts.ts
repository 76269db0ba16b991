import { z } from "zod";
import { requireDurationSec, requireNonEmpty, requireTokenCode } from "../validate";
import { type ClientContext, call } from "./call";

// Public types are written out, not z.infer'd: a .d.ts that names zod pulls zod's locale types into
// the user's compile, which fails without esModuleInterop (TS1259, the `pulumi new typescript` tsconfig).
export interface StsCredentials {
  accessKey: string;
  /** Only for temporary credentials (createCredentials). */
  keySecret?: string;
  createTime: string;
  /** ISO 8601; only for temporary credentials. */
  expireTime?: string;
  useMfa?: boolean;
}

/** https://api.ncloud-docs.com/docs/en/management-sts-createcredentials */
const stsCredentialsSchema: z.ZodType<StsCredentials> = z.object({
  accessKey: z.string(),
  /** Only for temporary credentials (createCredentials). */
  keySecret: z.string().optional(),
  createTime: z.string(),
  /** ISO 8601; only for temporary credentials. */
  expireTime: z.string().optional(),
  useMfa: z.boolean().optional(),
});

export interface CreateCredentialsInput {
  /** Lifetime in seconds, 600..43200. NCP's default: 3600. */
  durationSec?: number;
  /** MFA device serial number, with tokenCode. */
  serialNumber?: string;
  /** Current MFA code. */
  tokenCode?: number;
}

export class StsClient {
  readonly #ctx: ClientContext;

  constructor(ctx: ClientContext) {
    this.#ctx = ctx;
  }

  /** The caller's own permanent key (no secret). */
  async getCredentials(): Promise<StsCredentials> {
    return call(this.#ctx, {
      service: "sts",
      operation: "sts.getCredentials",
      method: "GET",
      path: "/credentials",
      response: stsCredentialsSchema,
    });
  }

  /** New temporary credentials. */
  async createCredentials(input?: CreateCredentialsInput | null): Promise<StsCredentials> {
    const operation = "sts.createCredentials";
    // null, like undefined, means no input: NCP's defaults (a default parameter covers only undefined).
    input = input ?? {};
    const body: Record<string, string | number> = {};
    if (input.durationSec !== undefined) body.durationSec = requireDurationSec(operation, input.durationSec);
    if (input.serialNumber !== undefined) body.serialNumber = requireNonEmpty(operation, "serialNumber", input.serialNumber);
    if (input.tokenCode !== undefined) body.tokenCode = requireTokenCode(operation, input.tokenCode);
    return call(this.#ctx, { service: "sts", operation, method: "POST", path: "/credentials", body, response: stsCredentialsSchema });
  }
}
