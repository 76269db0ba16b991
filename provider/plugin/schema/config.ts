import type { CONFIG_NAMES } from "../../handlers/settings";
import type { PropertySpec } from "./spec";

/**
 * The provider's settings: stack config `ncloud-keys:<name>` for the default provider, or the
 * properties of an explicit `pulumi:providers:ncloud-keys` resource. The same names, environment
 * variables and defaults as the dynamic resources' `ncloud:<name>` (README, "Every setting").
 *
 * Why no `default` or `defaultInfo` here: the generated SDKs would read the environment inside the
 * program and pass credentials into the provider resource's inputs, and so into state. The plugin
 * reads the environment itself, when it runs, as the dynamic resources do.
 */
export const configVariables = {
  accessKey: {
    type: "string",
    description:
      "The access key id that signs every call. Default: `NCLOUD_ACCESS_KEY`, else `NCLOUD_ACCESS_KEY_ID`, else `ncloud_access_key_id` " +
      "in `~/.ncloud/configure`. The first source holding any half of the pair wins; half a pair is an error.",
  },
  secretKey: {
    type: "string",
    secret: true,
    description: "The secret key of `accessKey`. Default: `NCLOUD_SECRET_KEY`, else `NCLOUD_SECRET_ACCESS_KEY`, else `ncloud_secret_access_key` in `~/.ncloud/configure`.",
  },
  profile: {
    type: "string",
    description: "The section of `~/.ncloud/configure` to read credentials from. Default: `NCLOUD_PROFILE`, else `DEFAULT`.",
  },
  apiKey: {
    type: "string",
    secret: true,
    description: "The API Gateway key; only CLOVA NSML needs it. Default: `NCLOUD_API_KEY`.",
  },
  site: {
    type: "string",
    description: "`public`, `gov` or `fin`: which NCP hosts to call. Default: `NCLOUD_SITE`, else `public`.",
  },
  region: {
    type: "string",
    description:
      "The NCP region code; only Search Engine reads it (its path: public `KR`, `SGN`, `JPN`; gov `KR`, `KRS`; fin `FKR`). " +
      "Default: `NCLOUD_REGION`, else the site's first region (`KR`, fin `FKR`).",
  },
  apiUrl: {
    type: "string",
    description: "Replaces every service's host (a proxy, the emulator), keeping each service's path. Default: `NCLOUD_API_URL`, else the site's hosts.",
  },
  endpoints: {
    type: "object",
    additionalProperties: { type: "string" },
    description:
      "Service name (`subAccount`, `sts`, `nsml`, `searchEngine`) to URL; wins over `apiUrl`. In stack config, a JSON object: " +
      "`pulumi config set ncloud-keys:endpoints '{\"sts\":\"https://sts.example\"}'`. Default: `NCLOUD_ENDPOINTS`.",
  },
  timeoutMs: {
    type: "integer",
    description: "The deadline of each attempt, in milliseconds. Default: 30000.",
  },
  maxAttempts: {
    type: "integer",
    description: "Attempts per call. Default: 3.",
  },
  retryBaseMs: {
    type: "integer",
    description:
      "The backoff before a retry, in milliseconds: attempt n waits a random time below retryBaseMs × 2^n (at most 20 s), " +
      "after any `Retry-After` NCP asks for. Default: 200.",
  },
  maxResponseBytes: {
    type: "integer",
    description: "A larger answer is not read, and the call fails. Default: 10485760 (10 MiB).",
  },
  maxSocketsPerOrigin: {
    type: "integer",
    description: "The most sockets open at once to one host (1 to 256); more calls wait for a free one. Default: `NCLOUD_MAX_SOCKETS_PER_ORIGIN`, else 16.",
  },
  allowInsecureHttp: {
    type: "boolean",
    description:
      "Plain `http://` goes only where every hop is loopback unless this is `true`: it carries the access key and signatures " +
      "that can be replayed for five minutes. Default: `NCLOUD_ALLOW_INSECURE_HTTP`, else `false`.",
  },
  serverRole: {
    type: "string",
    description:
      "`true`, or the role's name or id: the temporary credentials of the role assigned to the NCP VPC server this runs on, " +
      "read from its metadata API, as the last credential source. Default: `NCLOUD_SERVER_ROLE`, else off.",
  },
} as const satisfies Record<(typeof CONFIG_NAMES)[keyof typeof CONFIG_NAMES], PropertySpec>;
