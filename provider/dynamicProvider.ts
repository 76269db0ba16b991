import type * as pulumi from "@pulumi/pulumi";
import type { HandlerKind } from "./handlers/kinds";

/**
 * The `pulumi.dynamic.ResourceProvider` that goes into a resource's `__provider` input, and so
 * into the stack's state.
 *
 * Why a shim: Pulumi serializes the provider closure by value, and a local module it captures is
 * copied into state whole (large, different per version, and it fails on a captured `this`).
 * This object captures nothing but the `kind` string: every method `require`s the handlers by
 * package name when the dynamic-provider host runs it. The host resolves that `require` from its
 * working directory, which under `pulumi up` is the user's project, where this package is
 * installed. Credentials are read by `configure` at run time, never captured here.
 *
 * The serialized text is therefore a few hundred bytes, identical for every resource of a kind,
 * and holds no secret.
 */
export function dynamicProvider(kind: HandlerKind): pulumi.dynamic.ResourceProvider {
  return {
    configure: (req) => require("pulumi-ncloud-keys/handlers").configure(req),
    check: (olds, news) => require("pulumi-ncloud-keys/handlers").handlers[kind].check(olds, news),
    diff: (id, olds, news) => require("pulumi-ncloud-keys/handlers").handlers[kind].diff(id, olds, news),
    create: (inputs) => require("pulumi-ncloud-keys/handlers").handlers[kind].create(inputs),
    read: (id, props) => require("pulumi-ncloud-keys/handlers").handlers[kind].read(id, props),
    update: (id, olds, news) => require("pulumi-ncloud-keys/handlers").handlers[kind].update(id, olds, news),
    delete: (id, props) => require("pulumi-ncloud-keys/handlers").handlers[kind].delete(id, props),
  };
}
