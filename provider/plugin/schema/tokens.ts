/**
 * The package name, and so the plugin's (`pulumi-resource-ncloud-keys`), its config namespace
 * (`ncloud-keys:accessKey`) and its tokens (`ncloud-keys:index:SubAccountAccessKey`).
 *
 * Why not `ncloud`: that is the name a bridged terraform-provider-ncloud would take (Pulumi names
 * bridged providers after the Terraform provider), with its own `ncloud:*` config; the two must be
 * installable side by side. `ncloud-keys` says what this package covers, and matches its npm name.
 */
export const PACKAGE_NAME = "ncloud-keys";

/** `ncloud-keys:index:<name>`: every resource, function and type lives in the package's index module. */
export function token<N extends string>(name: N): `ncloud-keys:index:${N}` {
  return `${PACKAGE_NAME}:index:${name}` as `ncloud-keys:index:${N}`;
}
