import { createRequire } from "node:module";
import type { ConfigReader } from "../handlers/settings";

/** The part of a gRPC ConfigureRequest (pulumirpc, provider.proto) read here. */
interface ConfigureRequest {
  /** `<package>:config:<name>` to the value as text (JSON for anything not a string); filled by the engine. */
  getVariablesMap(): { get(key: string): string | undefined };
}

type Callback = (error: { code: number; details: string } | null, response?: unknown) => void;
type Method = (call: { request: ConfigureRequest }, callback: Callback) => void;
interface GrpcModule {
  Server: { prototype: { addService(service: unknown, implementation: Record<string, unknown>): void } };
  status: { INVALID_ARGUMENT: number };
}

const CONFIGURE_PATH = "/pulumirpc.ResourceProvider/Configure";

/**
 * Reads the provider's settings from a ConfigureRequest: `read("ncloud-keys:timeoutMs")` is the
 * engine's `ncloud-keys:config:timeoutMs`, which it fills from stack config for the default
 * provider and from the properties of an explicit provider resource.
 */
export function configReader(request: ConfigureRequest, namespace: string): ConfigReader {
  const variables = request.getVariablesMap();
  return (key) => (key.startsWith(`${namespace}:`) ? variables.get(`${namespace}:config:${key.slice(namespace.length + 1)}`) : undefined);
}

/**
 * Runs `serve` (a call of @pulumi/pulumi/provider's `main`) so that `onConfigure` sees each
 * ConfigureRequest before the server answers it.
 *
 * Why: that server answers Configure itself and passes nothing on (provider/server.ts `configure`,
 * the same in 3.216.0 and 3.276.0), so a provider written with `main` never sees its settings.
 * `main` builds its gRPC server and adds the service synchronously, before its first `await`; for
 * exactly that span, the `addService` of @pulumi/pulumi's own @grpc/grpc-js is wrapped to put
 * `onConfigure` in front of the server's `configure`. A bad setting fails Configure with the
 * message naming the key, which the engine shows. If `main` ever adds the service some other way,
 * this fails loudly rather than run without settings.
 */
export function serveWithConfigure(serve: () => Promise<void>, onConfigure: (request: ConfigureRequest) => void): Promise<void> {
  const grpc = createRequire(require.resolve("@pulumi/pulumi/provider"))("@grpc/grpc-js") as GrpcModule;
  const prototype = grpc.Server.prototype;
  const addService = prototype.addService;
  let hooked = false;
  prototype.addService = function (this: unknown, service, implementation) {
    const configure = implementation.configure as Method | undefined;
    if ((service as Record<string, { path?: string }>).configure?.path === CONFIGURE_PATH && configure) {
      hooked = true;
      implementation.configure = ((call, callback) => {
        try {
          onConfigure(call.request);
        } catch (error) {
          callback({ code: grpc.status.INVALID_ARGUMENT, details: (error as Error).message });
          return;
        }
        configure.call(implementation, call, callback);
      }) satisfies Method;
    }
    return addService.call(this, service, implementation);
  };
  let serving: Promise<void>;
  try {
    serving = serve();
  } finally {
    prototype.addService = addService;
  }
  if (!hooked) {
    throw new Error("pulumi-resource-ncloud-keys: @pulumi/pulumi/provider did not add its service as expected, so the provider would not see its settings; use the @pulumi/pulumi version this plugin was packaged with");
  }
  return serving;
}
