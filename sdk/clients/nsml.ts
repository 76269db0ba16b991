import { z } from "zod";
import { NcloudError } from "../errors/errors";
import { md5Fingerprint, publicKeyBlob } from "../sshPublicKey";
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
  /** Letters, digits and `-`, starting with a letter, no `--`. */
  title: string;
  /** OpenSSH public key line: ssh-rsa, ssh-ed25519 or ecdsa-sha2-nistp256/384/521. */
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

  /**
   * Registers a key, then finds it in the list by title and MD5 fingerprint. NCP documents no
   * response body for create (201, https://api.ncloud-docs.com/docs/ko/ai-application-service-clovansml-authkey-create),
   * so whatever 2xx body comes back, empty or not, is not read; the key as NCP keeps it is listed.
   */
  async createAuthKey(input: CreateAuthKeyInput, options?: { apiKey?: string } | null): Promise<NsmlAuthKey> {
    const operation = "nsml.createAuthKey";
    const title = requireNsmlTitle(operation, input?.title);
    const key = requireOpenSshPublicKey(operation, input?.key);
    const fingerprint = md5Fingerprint(publicKeyBlob(key)!);
    const apiKey = typeof options?.apiKey === "string" ? options.apiKey : undefined;
    try {
      await call(this.#ctx, { service: "nsml", operation, method: "POST", path: "/auth-keys", body: { title, key }, withApiKey: true, apiKey, response: emptySchema });
    } catch (error) {
      // A 2xx whose body is not JSON still registered the key: go and find it.
      if (!(error instanceof NcloudError && error.code === "UnexpectedResponse" && error.status !== undefined && error.status < 300)) throw error;
    }
    const { keyList } = await this.listAuthKeys({ apiKey });
    const matches = keyList.filter((k) => k.title === title && k.fingerprint.toLowerCase() === fingerprint);
    if (matches.length > 0) return matches[matches.length - 1];
    throw new NcloudError(
      `${operation}: NCP accepted the key, but the list has no key titled "${title}" with fingerprint ${fingerprint}. ` +
        "Fix: list the auth keys (listAuthKeys) before creating it again",
      { code: "UnexpectedResponse", service: "nsml", operation, outcomeUnknown: true },
    );
  }

  async deleteAuthKey(title: string, name: string): Promise<void> {
    const operation = "nsml.deleteAuthKey";
    // Any title NCP listed can be deleted, even one made before today's title rules: only path safety.
    const t = requirePathSafeId(operation, "title", title);
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
