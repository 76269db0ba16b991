import { z } from "zod";
import { DURATION_SEC_MAX, DURATION_SEC_MIN, TOKEN_CODE_MAX } from "../../sdk/validate";

/**
 * Input schemas for `check()`: every message names the fix, because the engine shows it next to
 * the property name and nothing else.
 */

/**
 * rotationDays: a key older than ten years has outlived any rotation policy, and the bound keeps
 * createTime + rotationDays a valid Date.
 */
export const ROTATION_DAYS = { min: 1, max: 3650 } as const;
/** renewBefore: up to the longest STS lifetime (43200 s): more would renew on every `up` anyway. */
export const RENEW_BEFORE = { min: 0, max: DURATION_SEC_MAX } as const;

const idPattern = /^[A-Za-z0-9._~-]+$/;
/** The SDK trims before it checks for empty, so a blank value is refused here too (kept as written). */
const notBlank = (value: string) => value.trim() !== "";

export const subAccountAccessKeyInputs = z.object({
  subAccountId: z
    .string({ error: "subAccountId must be a string: the Sub Account's id from the console or the Sub Account API" })
    .min(1, "subAccountId is empty: set it to the Sub Account's id (e.g. 4e066e50-9c3a-11e7-8a66-1e5021fa7c80)")
    .regex(idPattern, "subAccountId may hold only letters, digits and . _ ~ -: copy the id from the Sub Account console")
    // "." and ".." are id characters, but in a URL path they name another segment.
    .refine((id) => id !== "." && id !== "..", "subAccountId cannot be \".\" or \"..\": copy the id from the Sub Account console"),
  active: z.boolean({ error: "active must be true or false" }).default(true),
  keepers: z
    .record(z.string(), z.string({ error: "every keepers value must be a string: use String(x) or a date like \"2026-11\"" }), {
      error: "keepers must be an object of string values, e.g. { rotation: \"2026-11\" }",
    })
    .optional(),
  rotationDays: z
    .number({ error: "rotationDays must be a number of days, e.g. 90 (from stack config use config.requireNumber)" })
    .int("rotationDays must be a whole number of days, e.g. 90")
    .min(ROTATION_DAYS.min, "rotationDays must be 1 or more days: omit it to rotate only when keepers change")
    .max(ROTATION_DAYS.max, `rotationDays must be at most ${ROTATION_DAYS.max} days (10 years): omit it to rotate only when keepers change`)
    .optional(),
  exclusive: z
    .boolean({
      error: "exclusive must be true or false: true only when this stack alone creates access keys on this sub account (see docs/orphans.md)",
    })
    .optional(),
});


export const searchSnapshotAuthKeyInputs = z.object({
  serviceGroupInstanceNo: z
    .union([z.string(), z.number()], { error: "serviceGroupInstanceNo must be the service group's instance number, e.g. \"1531843\"" })
    .transform(String)
    .pipe(z.string().regex(/^[0-9]+$/, "serviceGroupInstanceNo must be digits only: the Search Engine service group's instance number, e.g. \"1531843\"")),
  accessKeyId: z
    .string({ error: "accessKeyId must be a string: an Object Storage access key id" })
    .refine(notBlank, "accessKeyId is empty: pass an access key id, e.g. a SubAccountAccessKey's accessKey"),
  secretKey: z
    .string({ error: "secretKey must be a string: the secret key of accessKeyId" })
    .refine(notBlank, "secretKey is empty: pass the secret key of accessKeyId, e.g. a SubAccountAccessKey's keySecret"),
  // Only the format here: which regions have Search Engine depends on the site, which check()
  // judges after the schema (./searchEngineRegion); the SDK refuses one again before sending.
  region: z
    .string({ error: "region must be an NCP region code such as KR, SGN, JPN, KRS or FKR" })
    .transform((region) => region.trim().toUpperCase())
    .pipe(z.string().regex(/^[A-Z][A-Z0-9-]{0,15}$/, "region must be an NCP region code such as KR, SGN, JPN, KRS or FKR (letters and digits)"))
    .optional(),
  verify: z.boolean({ error: "verify must be true or false" }).default(true),
});

const TOKEN_CODE_FIX = "tokenCode must be the 6-digit OTP code from the MFA device";

export const stsCredentialsInputs = z.object({
  durationSec: z
    .number({ error: `durationSec must be a number of seconds between ${DURATION_SEC_MIN} and ${DURATION_SEC_MAX}` })
    .int("durationSec must be a whole number of seconds")
    .min(DURATION_SEC_MIN, `durationSec must be at least ${DURATION_SEC_MIN} (10 minutes)`)
    .max(DURATION_SEC_MAX, `durationSec must be at most ${DURATION_SEC_MAX} (12 hours)`)
    .optional(),
  serialNumber: z
    .string({ error: "serialNumber must be a string: the MFA device's serial number or NRN" })
    .refine(notBlank, "serialNumber is empty: omit it or set the MFA device's serial number")
    .optional(),
  tokenCode: z
    .union(
      [
        z
          .number({ error: TOKEN_CODE_FIX })
          .int(TOKEN_CODE_FIX)
          .min(0, `${TOKEN_CODE_FIX} (not negative)`)
          .max(TOKEN_CODE_MAX, `${TOKEN_CODE_FIX} (at most six digits)`),
        z.string({ error: TOKEN_CODE_FIX }).regex(/^[0-9]{6}$/, `${TOKEN_CODE_FIX}: six digits, e.g. "012345"`),
      ],
      { error: TOKEN_CODE_FIX },
    )
    .transform(Number)
    .optional(),
  renewBefore: z
    .number({ error: "renewBefore must be a number of seconds" })
    .int("renewBefore must be a whole number of seconds")
    .min(RENEW_BEFORE.min, "renewBefore must be 0 or more seconds")
    .max(RENEW_BEFORE.max, `renewBefore must be at most ${RENEW_BEFORE.max} seconds (12 hours, the longest STS credentials live)`)
    .default(600),
});

export const nsmlAuthKeysInputs = z.object({
  apiKey: z.string({ error: "apiKey must be a string: the API Gateway API key for CLOVA NSML" }).min(1, "apiKey is empty: omit it to use ncloud:apiKey / NCLOUD_API_KEY").optional(),
  title: z
    .string({ error: "title must be a string: an NSML auth key title to filter by" })
    .min(1, "title is empty: omit it to list every key")
    // NCP's title rule (ai-application-service-clovansml-authkey-create): no key can have another title.
    .regex(/^[A-Za-z][A-Za-z0-9-]*$/, "title must be letters, digits and -, starting with a letter (NCP's rule for auth key titles)")
    .refine((title) => !title.includes("--"), "title cannot contain -- (NCP's rule for auth key titles)")
    .optional(),
});

/**
 * Arguments of the get functions, as the provider plugin's invokes check them: the same rules as
 * the resources' inputs of the same names.
 */
export const getSubAccountAccessKeysArgs = subAccountAccessKeyInputs.pick({ subAccountId: true });
export const getStsCredentialsArgs = stsCredentialsInputs.omit({ renewBefore: true });
export const getNsmlAuthKeysArgs = nsmlAuthKeysInputs;
