/**
 * Drives the real dynamic-provider host over gRPC the way the Pulumi engine does, taking and
 * returning plain JS objects. See README.md in this folder.
 */
import * as grpc from "@grpc/grpc-js";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as proto from "@pulumi/pulumi/proto/provider_pb";
import { toProviderHostError } from "./hostError";
import { startHostProcess, type HostProcess, type HostProcessOptions } from "./hostProcess";
import { fromStruct, revealAll, secret, toStruct, type WireObject } from "./wireValues";

export { ProviderHostError, type InitFailure } from "./hostError";
export { isSecret, providerKey, reveal, secret, unknown, type WireObject, type WireValue } from "./wireValues";

export type DiffChanges = "DIFF_NONE" | "DIFF_SOME" | "DIFF_UNKNOWN";

export interface CheckResult {
  inputs: WireObject;
  failures: { property: string; reason: string }[];
}

export interface DiffResult {
  changes: DiffChanges;
  replaces: string[];
  stables: string[];
  deleteBeforeReplace: boolean;
  diffs: string[];
}

export interface ProviderHost {
  /** Configures the host; keys like "ncloud:accessKey". Values of `secretKeys` go as secrets. */
  configure(config: Record<string, string>, opts?: { secretKeys?: string[] }): Promise<void>;
  check(urn: string, olds: WireObject, news: WireObject): Promise<CheckResult>;
  diff(id: string, urn: string, olds: WireObject, news: WireObject): Promise<DiffResult>;
  create(urn: string, properties: WireObject): Promise<{ id: string; properties: WireObject }>;
  /** An `id` of "" in the result means the resource is gone (the engine drops it from state). */
  read(
    id: string,
    urn: string,
    properties: WireObject,
    inputs?: WireObject,
  ): Promise<{ id: string; properties: WireObject; inputs: WireObject }>;
  update(id: string, urn: string, olds: WireObject, news: WireObject): Promise<{ properties: WireObject }>;
  delete(id: string, urn: string, properties: WireObject): Promise<void>;
  /** Everything the host printed (stdout and stderr): scan it for leaked secrets. */
  output(): string;
  /** Waits for host output matching `pattern` (see HostProcess.waitForOutput). */
  waitForOutput: HostProcess["waitForOutput"];
  /** Kills the host and closes the client. */
  close(): Promise<void>;
}

export interface ProviderHostOptions extends HostProcessOptions {
  /**
   * The gRPC deadline of each call, so a host call that never answers fails the test instead of
   * hanging it. Default 10 s; a create whose cleanup waits out NCP's timeout needs more.
   */
  callTimeoutMs?: number;
}

/** The URN the engine gives a resource of type `type` named `name` in stack "stack" of "project". */
export function urn(type: string, name: string): string {
  return `urn:pulumi:stack::project::${type}::${name}`;
}

/** The type token of a dynamic resource, as `pulumi.dynamic.Resource` builds it from module and type. */
export function dynamicType(module?: string, type = "Resource"): string {
  return `pulumi-nodejs:dynamic${module ? `/${module}` : ""}:${type}`;
}

/** Starts a host and connects to it. Always `close()` it (in afterAll). */
export async function startProviderHost(options: ProviderHostOptions = {}): Promise<ProviderHost> {
  const hostProcess = await startHostProcess(options);
  const client = new ResourceProviderClient(`127.0.0.1:${hostProcess.port}`, grpc.credentials.createInsecure());

  // One unary call with a deadline; rejections become ProviderHostError.
  type Callback<Res> = (err: grpc.ServiceError | null, res: Res) => void;
  type Unary<Req, Res> = (req: Req, md: grpc.Metadata, opts: Partial<grpc.CallOptions>, cb: Callback<Res>) => unknown;
  const call = <Req, Res>(method: Unary<Req, Res>, req: Req): Promise<Res> =>
    new Promise<Res>((resolve, reject) => {
      method.call(client, req, new grpc.Metadata(), { deadline: Date.now() + (options.callTimeoutMs ?? 10_000) }, (err, res) =>
        err ? reject(toProviderHostError(err)) : resolve(res),
      );
    });

  // The host answers ConfigureResponse.acceptSecrets=false, so the engine strips secrets from
  // everything it sends to CRUD calls: so do we.
  const props = (o: WireObject) => toStruct(revealAll(o));

  return {
    async configure(config, opts = {}) {
      const secretKeys = new Set(opts.secretKeys ?? []);
      const args: WireObject = {};
      const req = new proto.ConfigureRequest().setAcceptsecrets(true).setAcceptresources(true);
      for (const [key, value] of Object.entries(config)) {
        args[key] = secretKeys.has(key) ? secret(value) : value;
        req.getVariablesMap().set(key, value);
      }
      await call(client.configure, req.setArgs(toStruct(args)));
    },

    async check(urn, olds, news) {
      const req = withName(new proto.CheckRequest(), urn).setUrn(urn).setOlds(props(olds)).setNews(props(news));
      const res = await call(client.check, req);
      return {
        inputs: fromStruct(res.getInputs()),
        failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
      };
    },

    async diff(id, urn, olds, news) {
      const req = withName(new proto.DiffRequest(), urn).setId(id).setUrn(urn).setOlds(props(olds)).setNews(props(news));
      const res = await call(client.diff, req);
      return {
        changes: diffChangesName(res.getChanges()),
        replaces: res.getReplacesList(),
        stables: res.getStablesList(),
        deleteBeforeReplace: res.getDeletebeforereplace(),
        diffs: res.getDiffsList(),
      };
    },

    async create(urn, properties) {
      const req = withName(new proto.CreateRequest(), urn).setUrn(urn).setProperties(props(properties));
      const res = await call(client.create, req);
      return { id: res.getId(), properties: fromStruct(res.getProperties()) };
    },

    async read(id, urn, properties, inputs) {
      const req = withName(new proto.ReadRequest(), urn).setId(id).setUrn(urn).setProperties(props(properties));
      if (inputs) {
        req.setInputs(props(inputs));
      }
      const res = await call(client.read, req);
      return { id: res.getId(), properties: fromStruct(res.getProperties()), inputs: fromStruct(res.getInputs()) };
    },

    async update(id, urn, olds, news) {
      const req = withName(new proto.UpdateRequest(), urn).setId(id).setUrn(urn).setOlds(props(olds)).setNews(props(news));
      const res = await call(client.update, req);
      return { properties: fromStruct(res.getProperties()) };
    },

    async delete(id, urn, properties) {
      const req = withName(new proto.DeleteRequest(), urn).setId(id).setUrn(urn).setProperties(props(properties));
      await call(client.delete, req);
    },

    output: () => hostProcess.output(),
    waitForOutput: (pattern, options) => hostProcess.waitForOutput(pattern, options),

    async close() {
      client.close();
      await hostProcess.kill();
    },
  };
}

/** The engine also sends the resource's name and type, split out of the URN. */
function withName<R extends { setName(v: string): R; setType(v: string): R }>(req: R, urn: string): R {
  const parts = urn.split("::");
  const type = (parts[2] ?? "").split("$").pop() ?? "";
  return req.setName(parts[3] ?? "").setType(type);
}

function diffChangesName(changes: proto.DiffResponse.DiffChanges): DiffChanges {
  switch (changes) {
    case proto.DiffResponse.DiffChanges.DIFF_NONE:
      return "DIFF_NONE";
    case proto.DiffResponse.DiffChanges.DIFF_SOME:
      return "DIFF_SOME";
    default:
      return "DIFF_UNKNOWN";
  }
}
