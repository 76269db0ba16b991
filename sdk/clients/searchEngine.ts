import { z } from "zod";
import { NcloudError } from "../errors/errors";
import { MAX_QUOTE } from "../call/failure";
import { fixFor } from "../errors/fixes";
import { redact, redactAndShorten, redactField } from "../errors/redact";
import { requireNonEmpty, requireServiceGroupInstanceNo } from "../validate";
import { type ClientContext, call, enc } from "./call";

// Public types are written out, not z.infer'd: a .d.ts that names zod pulls zod's locale types into
// the user's compile, which fails without esModuleInterop (TS1259, the `pulumi new typescript` tsconfig).
export interface Bucket {
  name: string;
  /** Bytes. */
  bytesUsed?: number;
  objectCount?: number;
  /** ISO 8601 (NCP sends a Unix timestamp integer). */
  creationTime?: string;
  /** `ENABLED` or `DISABLED`: whether the bucket has security settings. */
  bucketProtectionState?: string;
  /** Whether the service group's key may use the bucket: `Allow` or `Deny`. */
  permission?: string;
  /**
   * Not on the getBucketList pages; NCP's Go SDK models them (ncloud-sdk-go-v2
   * `services/vses/bucket_info.go`) and they are passed on when NCP sends them. A value of another
   * type is left out rather than failing the read.
   */
  actionName?: string;
  disabled?: boolean;
  enable?: boolean;
  sseKmsEnabled?: boolean;
}

/**
 * A Unix timestamp as ISO 8601. The getBucketList page types `creationTime` as an Integer
 * "Unix timestamp" without naming the unit
 * (https://api.ncloud-docs.com/docs/en/analytics-vpcsearchengine-snapshot-getbucketlist); NCP's
 * other Object Storage bucket lists give milliseconds (SourceBuild's example `1747023289731`,
 * https://api.ncloud-docs.com/docs/en/devtools-sourcebuild-objectstroagebucketlist). So the value is
 * read as milliseconds, unless it is below 10^11, which as milliseconds would be before 1973 and as
 * seconds is any date up to the year 5138: then it is seconds.
 */
export function unixTimeToIso(value: number): string {
  const ms = Math.abs(value) < 1e11 ? value * 1000 : value;
  return new Date(ms).toISOString();
}

/** result.bucketList[] as documented: sizes and counts are integers, creationTime a Unix timestamp. */
const bucketSchema: z.ZodType<Bucket, unknown> = z.object({
  name: z.string(),
  bytesUsed: z.number().int().optional(),
  objectCount: z.number().int().optional(),
  creationTime: z
    .number()
    .int()
    .refine((n) => Number.isFinite(new Date(Math.abs(n) < 1e11 ? n * 1000 : n).getTime()), "out of range")
    .transform(unixTimeToIso)
    .optional(),
  bucketProtectionState: z.string().optional(),
  permission: z.string().optional(),
  actionName: z.string().optional().catch(undefined),
  disabled: z.boolean().optional().catch(undefined),
  enable: z.boolean().optional().catch(undefined),
  sseKmsEnabled: z.boolean().optional().catch(undefined),
});

const envelope = <T extends z.ZodType>(result: T) =>
  z.object({ code: z.number(), message: z.string().optional(), result, requestId: z.string().optional() });

const updateSchema = envelope(z.unknown());
const bucketListSchema = envelope(z.object({ bucketList: z.array(bucketSchema) }).nullable());

export interface SearchEngineCallOptions {
  /** An NCP region code (public KR/SGN/JPN, gov KR/KRS, fin FKR); default: the client's region. */
  region?: string;
}

export interface ApiAuthenticationKey {
  /** The Sub Account access key the service group uses to write snapshots to Object Storage. */
  accessKeyId: string;
  secretKey: string;
}

function quoted(message: string | undefined, secrets: string[]): string {
  return message ? redactAndShorten(message, secrets, MAX_QUOTE) : "no message";
}

function notOk(operation: string, body: { code: number; message?: string; requestId?: string }, secrets: string[]): NcloudError {
  const code = String(body.code);
  const fix = fixFor({ status: 200, code, operation });
  return new NcloudError(
    // Quoted like any other error's message (failure.ts): redacted first, then cut to MAX_QUOTE.
    redact(`${operation} failed (200, NCP code ${code}): ${quoted(body.message, secrets)}.${fix ? ` Fix: ${fix}` : ""}`, secrets),
    { status: 200, code, service: "searchEngine", operation, requestId: redactField(body.requestId, secrets) },
  );
}

/** null options, like undefined, leave the client's region in force (a default parameter covers only undefined). */
function regionOf(options: SearchEngineCallOptions | null | undefined): string | undefined {
  return options?.region ?? undefined;
}

/**
 * Search Engine (VPC) snapshot settings.
 * https://api.ncloud-docs.com/docs/en/searchengine-snapshot-updateapiauthenticationkey
 * This API answers HTTP 200 with `code` ≠ 0 for some failures, so the body is checked too.
 */
export class SearchEngineClient {
  readonly #ctx: ClientContext;

  constructor(ctx: ClientContext) {
    this.#ctx = ctx;
  }

  async updateApiAuthenticationKey(
    serviceGroupInstanceNo: string | number,
    key: ApiAuthenticationKey,
    options?: SearchEngineCallOptions | null,
  ): Promise<{ requestId: string }> {
    const operation = "searchEngine.updateApiAuthenticationKey";
    const no = requireServiceGroupInstanceNo(operation, serviceGroupInstanceNo);
    const accessKeyId = requireNonEmpty(operation, "accessKeyId", key?.accessKeyId);
    const secretKey = requireNonEmpty(operation, "secretKey", key?.secretKey);
    const body = await call(this.#ctx, {
      service: "searchEngine",
      operation,
      method: "POST",
      path: `/snapshot/updateAPIAuthenticationKey/${enc(no)}`,
      body: { accessKeyId, secretKey },
      secrets: [secretKey],
      region: regionOf(options),
      response: updateSchema,
    });
    if (body.code !== 0 || body.result !== true) throw notOk(operation, body, this.#ctx.transport.knownSecrets());
    return { requestId: body.requestId ?? "" };
  }

  async getBucketList(serviceGroupInstanceNo: string | number, options?: SearchEngineCallOptions | null): Promise<Bucket[]> {
    const operation = "searchEngine.getBucketList";
    const no = requireServiceGroupInstanceNo(operation, serviceGroupInstanceNo);
    const body = await call(this.#ctx, {
      service: "searchEngine",
      operation,
      method: "GET",
      path: `/snapshot/getBucketList/${enc(no)}`,
      region: regionOf(options),
      response: bucketListSchema,
    });
    if (body.code !== 0 || body.result === null) throw notOk(operation, body, this.#ctx.transport.knownSecrets());
    return body.result.bucketList;
  }
}
