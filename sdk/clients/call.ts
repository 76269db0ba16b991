import type { z } from "zod";
import type { NcloudConfig } from "../settings/config";
import type { Service } from "../settings/endpoints";
import { parseResponse } from "../call/response";
import type { HttpMethod } from "../call/retry";
import type { ApiResponse, Transport } from "../call/transport";

/** What every service client holds: the resolved settings and the client's one transport. */
export interface ClientContext {
  config: NcloudConfig;
  transport: Transport;
}

/** @internal Left out of the .d.ts (`stripInternal`): zod's types must not reach a user's compile. */
export interface CallSpec<T> {
  service: Service;
  operation: string;
  method: HttpMethod;
  /** Path after the service prefix, ids already encoded, e.g. `/credentials`. */
  path: string;
  body?: unknown;
  /** Send the NSML API key header. */
  withApiKey?: boolean;
  /** An API key for this call instead of the client's (a resource's own `apiKey`). */
  apiKey?: string;
  /** Secret values in the body, scrubbed from any error text. */
  secrets?: readonly string[];
  /** Search Engine region for this call, overriding the client's. */
  region?: string;
  /** Schema of the 2xx body. */
  response: z.ZodType<T>;
}

/** @internal Build the request (pure), send it (transport), check the answer (zod). */
export async function call<T>(ctx: ClientContext, spec: CallSpec<T>): Promise<T & {}> {
  const { origin, pathPrefix } = ctx.config.baseUrl(spec.service, spec.operation, spec.region);
  const apiKey = spec.withApiKey ? (spec.apiKey || ctx.config.apiKey(spec.operation)) : undefined;
  const res: ApiResponse = await ctx.transport.send({
    service: spec.service,
    operation: spec.operation,
    method: spec.method,
    origin,
    path: `${pathPrefix}${spec.path}`,
    body: spec.body,
    apiKey,
    secrets: apiKey ? [...(spec.secrets ?? []), apiKey] : spec.secrets,
  });
  return parseResponse(spec.response, res.body, {
    service: spec.service,
    operation: spec.operation,
    method: spec.method,
    status: res.status,
    requestId: res.requestId,
  }) as T & {};
}

export const enc = encodeURIComponent;
