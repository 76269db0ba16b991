import type * as pulumi from "@pulumi/pulumi";

/**
 * The user's resource options with our secret outputs added. Pulumi encrypts these outputs in
 * state and masks them in the CLI, whatever the user's own options say.
 */
export function withSecretOutputs(opts: pulumi.CustomResourceOptions | undefined, secretOutputs: string[]): pulumi.CustomResourceOptions {
  const merged = [...new Set([...(opts?.additionalSecretOutputs ?? []), ...secretOutputs])];
  // Not pulumi.mergeOptions: it concatenates arrays, listing a name the user gave twice.
  return { ...opts, additionalSecretOutputs: merged };
}
