import * as pulumi from "@pulumi/pulumi";
import { dynamicProvider } from "./dynamicProvider";
import type { NsmlAuthKeyView } from "./handlers/nsmlAuthKeys";
import { refuseImport } from "./importRefusal";
import { withSecretOutputs } from "./options";

const provider = dynamicProvider("nsmlAuthKeys");

export type { NsmlAuthKeyView as NsmlAuthKey };

export interface NsmlAuthKeysArgs {
  /** The API Gateway API key CLOVA NSML requires. Default: `ncloud:apiKey` / `NCLOUD_API_KEY`. Always a secret. */
  apiKey?: pulumi.Input<string>;
  /** Only keys with this title. Default: every key. */
  title?: pulumi.Input<string>;
}

/**
 * The CLOVA NSML authentication keys (`GET /nsml/v1/auth-keys`), as a read-only resource: create
 * reads them, `pulumi refresh` reads them again, delete forgets them.
 */
export class NsmlAuthKeys extends pulumi.dynamic.Resource {
  /** The keys, filtered by `title` when given. */
  declare readonly keys: pulumi.Output<NsmlAuthKeyView[]>;
  /** How many keys `keys` holds. */
  declare readonly totalCount: pulumi.Output<number>;
  /** The title filter, if any. */
  declare readonly title: pulumi.Output<string | undefined>;

  constructor(name: string, args: NsmlAuthKeysArgs = {}, opts?: pulumi.CustomResourceOptions) {
    refuseImport(
      "NsmlAuthKeys",
      name,
      opts,
      "remove the import option: creating this resource only reads the listing.",
    );
    super(
      provider,
      name,
      { title: args.title, apiKey: args.apiKey === undefined ? undefined : pulumi.secret(args.apiKey), keys: undefined, totalCount: undefined },
      withSecretOutputs(opts, ["apiKey"]),
      "ncloud",
      "NsmlAuthKeys",
    );
  }
}
