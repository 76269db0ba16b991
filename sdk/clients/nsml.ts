import { z } from "zod";
import { requireNsmlTitle, requireOpenSshPublicKey, requirePathSafeId } from "../validate";
import { type ClientContext, call, enc } from "./call";

// Public types are written out, not z.infer'd: a .d.ts that names zod pulls zod's locale types into
// the user's compile, which fails without esModuleInterop (TS1259, the `pulumi new typescript` tsconfig).
export interface NsmlAuthKey {
  name: string;
  title: string;
  fingerprint: string;
  /** `YYYY-MM-DD HH:mm:ss`. */
  createTime: string;
}

export interface NsmlAuthKeyList {
  keyList: NsmlAuthKey[];
  totalCount: number;
}

/** https://api.ncloud-docs.com/docs/en/nsml-get-auth-key-list and siblings. */
const nsmlAuthKeySchema: z.ZodType<NsmlAuthKey> = z.object({
  name: z.string(),
  title: z.string(),
  fingerprint: z.string(),
  /** `YYYY-MM-DD HH:mm:ss`. */
  createTime: z.string(),
});

const nsmlAuthKeyListSchema: z.ZodType<NsmlAuthKeyList> = z.object({ keyList: z.array(nsmlAuthKeySchema), totalCount: z.number() });

export interface CreateAuthKeyInput {
  /** 1..64 of letters, digits, _ and -. */
  title: string;
  /** OpenSSH public key line. */
  key: string;
}

const emptySchema = z.unknown();

export class NsmlClient {
  readonly #ctx: ClientContext;

  constructor(ctx: ClientContext) {
    this.#ctx = ctx;
  }

  /** `options.apiKey` replaces the client's API key for this call. */
  async listAuthKeys(options?: { apiKey?: string } | null): Promise<NsmlAuthKeyList> {
    return call(this.#ctx, {
      service: "nsml",
      operation: "nsml.listAuthKeys",
      method: "GET",
      path: "/auth-keys",
      withApiKey: true,
      apiKey: typeof options?.apiKey === "string" ? options.apiKey : undefined,
      response: nsmlAuthKeyListSchema,
    });
  }

  async createAuthKey(input: CreateAuthKeyInput): Promise<NsmlAuthKey> {
    const operation = "nsml.createAuthKey";
    const title = requireNsmlTitle(operation, input?.title);
    const key = requireOpenSshPublicKey(operation, input?.key);
    return call(this.#ctx, {
      service: "nsml",
      operation,
      method: "POST",
      path: "/auth-keys",
      body: { title, key },
      withApiKey: true,
      response: nsmlAuthKeySchema,
    });
  }

  async deleteAuthKey(title: string, name: string): Promise<void> {
    const operation = "nsml.deleteAuthKey";
    const t = requireNsmlTitle(operation, title);
    const n = requirePathSafeId(operation, "name", name);
    await call(this.#ctx, {
      service: "nsml",
      operation,
      method: "DELETE",
      path: `/auth-keys/title/${enc(t)}/name/${enc(n)}`,
      withApiKey: true,
      response: emptySchema,
    });
  }
}
