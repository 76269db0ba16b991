import type * as pulumi from "@pulumi/pulumi";

/**
 * Refuses the `import` resource option, in the program, with the reason and what to do instead.
 *
 * Why here: Pulumi's dynamic providers cannot import (https://github.com/pulumi/pulumi/issues/16175).
 * The engine reads an imported resource with an id and no state, and the dynamic-provider host
 * looks for the serialized provider in that state; finding none, it fails with "code must be a
 * string, not undefined" before any of this package runs. The program is the one place that both
 * sees the option and can say why. `pulumi import` on the command line runs no program, so it ends
 * with that engine error; the README's "Import" paragraph says the same as this message.
 */
export function refuseImport(resource: string, name: string, opts: pulumi.CustomResourceOptions | undefined, instead: string): void {
  if (opts?.import === undefined) return;
  throw new Error(
    `${resource} "${name}": the import option cannot adopt an existing resource: Pulumi's dynamic providers ` +
      `cannot import (https://github.com/pulumi/pulumi/issues/16175), and neither can \`pulumi import\`. Instead: ${instead}`,
  );
}
