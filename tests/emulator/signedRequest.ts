import { request, type Dispatcher } from "undici";
import { signedHeaders } from "../../sdk/signer";
import type { Emulator } from "../../sdk/emulator";

export interface SignedRequestOptions {
  method?: string;
  /** Path and query, sent and signed as given. */
  path: string;
  /** An object is sent as JSON; a string as is. */
  body?: unknown;
  /** Defaults: the emulator's own keys, the host clock. Override to break authentication. */
  accessKey?: string;
  secretKey?: string;
  timestamp?: number;
  /** The NSML API key; the emulator's on /nsml/ paths by default, none when null. */
  apiKey?: string | null;
  /** Replace or drop (undefined) any header after signing. */
  headers?: Record<string, string | undefined>;
  dispatcher?: Dispatcher;
}

export interface SignedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json(): unknown;
}

/** Where to send and what to sign with: a running emulator, or the values its CLI printed. */
export type Target = Pick<Emulator, "url" | "accessKey" | "secretKey" | "apiKey">;

/** One request to the emulator, signed with sdk/signer.ts the way an NCP client signs it. */
export async function signedRequest(emulator: Target, options: SignedRequestOptions): Promise<SignedResponse> {
  const method = options.method ?? "GET";
  const apiKey = options.apiKey === null ? undefined : (options.apiKey ?? (options.path.startsWith("/nsml/") ? emulator.apiKey : undefined));
  const headers: Record<string, string> = {
    ...signedHeaders({
      method,
      pathAndQuery: options.path,
      timestamp: options.timestamp ?? Date.now(),
      accessKey: options.accessKey ?? emulator.accessKey,
      secretKey: options.secretKey ?? emulator.secretKey,
      apiKey,
    }),
  };
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    headers["content-type"] = "application/json";
  }
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (value === undefined) delete headers[name];
    else headers[name] = value;
  }
  const response = await request(`${emulator.url}${options.path}`, {
    method: method as Dispatcher.HttpMethod,
    headers,
    body,
    dispatcher: options.dispatcher,
  });
  const text = await response.body.text();
  return { status: response.statusCode, headers: response.headers, text, json: () => JSON.parse(text) };
}
