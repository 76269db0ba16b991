import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import { dynamicProvider } from "../../provider/dynamicProvider";
import type { HandlerKind } from "../../provider/handlers/kinds";
import { keptDir } from "../keptDir";

/**
 * Serializes a dynamic provider exactly as `pulumi.dynamic.Resource` does for its `__provider`
 * property (see `@pulumi/pulumi/dynamic/index.js`, `serializeFunctionMaybeSecret`): the closure
 * `() => provider`, with secrets allowed, as module text the host loads with `require-from-string`.
 *
 * Run without `--coverage`: coverage instrumentation adds counters to every function, and those
 * would be captured into the closure.
 */
export async function serializeProvider(provider: pulumi.dynamic.ResourceProvider): Promise<string> {
  // Loaded here, not at the top: @pulumi/pulumi costs a test file ~1 s of CPU to load.
  const { runtime } = await import("@pulumi/pulumi");
  const serialized = await runtime.serializeFunction(() => provider, { allowSecrets: true });
  return serialized.text;
}

const pulumiVersion = (require("@pulumi/pulumi/package.json") as { version: string }).version;

/**
 * The `__provider` text of a kind's shim (provider/dynamicProvider.ts), serialized as above once
 * per shim source and kept for the next run (../keptDir, this user's), so the host tests, a dozen files, each a
 * module registry of its own, do not each load @pulumi/pulumi to make the same few hundred bytes.
 * The key is everything the text is made from: the shim's code as this process runs it (what
 * serializeFunction reads, coverage counters included), the kind it captures, the serializer's
 * version and Node's. Written by rename, so a reader never sees half a file.
 */
export async function serializedShim(kind: HandlerKind): Promise<string> {
  const key = createHash("sha256").update(JSON.stringify([pulumiVersion, process.version, kind, dynamicProvider.toString()])).digest("hex");
  const file = path.join(keptDir(), "shims", `${key.slice(0, 32)}.js`);
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    const text = await serializeProvider(dynamicProvider(kind));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.${Math.random().toString(16).slice(2)}`;
    fs.writeFileSync(temp, text);
    fs.renameSync(temp, file);
    return text;
  }
}
