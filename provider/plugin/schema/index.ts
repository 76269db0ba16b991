import { configVariables } from "./config";
import { functions } from "./functions";
import { resources } from "./resources";
import type { PackageSpec } from "./spec";
import { PACKAGE_NAME } from "./tokens";
import { types } from "./types";

export { PACKAGE_NAME, token } from "./tokens";
export { configVariables, functions, resources, types };

/**
 * The package schema the plugin serves (`GetSchema`) and the SDKs are generated from
 * (`npm run sdks`). Built from the modules beside this one; tests/plugin/schema*.test.ts keep it
 * in step with the handlers' input rules and the TypeScript resources' types.
 */
export function packageSchema(version: string): PackageSpec {
  return {
    name: PACKAGE_NAME,
    displayName: "NAVER Cloud keys",
    version,
    description:
      "NAVER Cloud Platform credentials: create and rotate Sub Account access keys, hand them to Search Engine, and read STS and " +
      "CLOVA NSML credentials, with every secret encrypted in Pulumi state.",
    keywords: ["pulumi", "ncloud", "naver-cloud", "category/cloud", "kind/native"],
    license: "Apache-2.0",
    config: { variables: configVariables },
    provider: {
      description: "The provider of ncloud-keys: explicit settings for the resources that name it (else stack config `ncloud-keys:*`).",
      inputProperties: configVariables,
    },
    resources,
    functions,
    types,
    language: {
      python: { packageName: "pulumi_ncloud_keys", requires: { pulumi: ">=3.0.0,<4.0.0" }, pyproject: { enabled: true }, respectSchemaVersion: true },
      go: {
        importBasePath: "github.com/pulumi-ncloud-keys/pulumi-ncloud-keys/sdk/go/ncloudkeys",
        generateResourceContainerTypes: false,
        respectSchemaVersion: true,
      },
    },
  };
}
