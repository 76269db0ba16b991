import * as pulumi from "@pulumi/pulumi";

/**
 * Serializes a dynamic provider exactly as `pulumi.dynamic.Resource` does for its `__provider`
 * property (see `@pulumi/pulumi/dynamic/index.js`, `serializeFunctionMaybeSecret`): the closure
 * `() => provider`, with secrets allowed, as module text the host loads with `require-from-string`.
 *
 * Run without `--coverage`: coverage instrumentation adds counters to every function, and those
 * would be captured into the closure.
 */
export async function serializeProvider(provider: pulumi.dynamic.ResourceProvider): Promise<string> {
  const serialized = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
  return serialized.text;
}
