import type * as pulumiProvider from "@pulumi/pulumi/provider";
import { functions as handlerFunctions, handlers, type FunctionName } from "../handlers";
import type { HandlerKind } from "../handlers/kinds";
import { functions, packageSchema, resources, token } from "./schema";
import type { PropertySpec } from "./schema/spec";
import { unwrapSecrets, wrapSecrets } from "./secrets";

/**
 * The provider plugin's door to the handlers: the `Provider` that @pulumi/pulumi/provider's `main`
 * serves over gRPC. It maps a type token to the handler kind, and secrets between the wire and the
 * handlers' plain values (./secrets); every operation is the handlers' own, as through the dynamic
 * resources' door (../dynamicProvider).
 */
const KINDS: Record<string, HandlerKind> = {
  [token("SubAccountAccessKey")]: "subAccountAccessKey",
  [token("SearchSnapshotAuthKey")]: "searchSnapshotAuthKey",
  [token("StsCredentials")]: "stsCredentials",
  [token("NsmlAuthKeys")]: "nsmlAuthKeys",
};

const FUNCTIONS: Record<string, FunctionName> = {
  [token("getSubAccountAccessKeys")]: "getSubAccountAccessKeys",
  [token("getStsCredentials")]: "getStsCredentials",
  [token("getNsmlAuthKeys")]: "getNsmlAuthKeys",
};

type Props = Record<string, unknown>;

function secretNames(...objects: Array<Readonly<Record<string, PropertySpec>> | undefined>): string[] {
  return objects.flatMap((properties) => Object.entries(properties ?? {}).filter(([, p]) => p.secret).map(([name]) => name));
}

/** The type token of a URN (`urn:pulumi:stack::project::[parent$]type::name`). */
export function typeOfUrn(urn: string): string {
  const qualified = urn.split("::")[2] ?? "";
  return qualified.slice(qualified.lastIndexOf("$") + 1);
}

function resourceOf(urn: string): { kind: HandlerKind; secretInputs: string[]; secretOutputs: string[] } {
  const type = typeOfUrn(urn);
  const kind = KINDS[type];
  if (kind === undefined) throw new Error(`ncloud-keys has no resource type ${type}; it has ${Object.keys(KINDS).join(", ")}`);
  const spec = resources[type as keyof typeof resources];
  const secretInputs = secretNames(spec.inputProperties);
  // A secret input the handler copies into its outputs (NsmlAuthKeys' apiKey) stays secret there.
  return { kind, secretInputs, secretOutputs: [...secretInputs, ...secretNames(spec.properties)] };
}

export function pluginProvider(version: string): pulumiProvider.Provider {
  return {
    version,
    getSchema: async () => JSON.stringify(packageSchema(version)),

    async check(urn, olds: Props, news: Props) {
      const { kind, secretInputs } = resourceOf(urn);
      const { plain, secretNames: secret } = unwrapSecrets(news);
      const result = await handlers[kind].check(unwrapSecrets(olds).plain, plain);
      return { inputs: wrapSecrets(result.inputs, [...secret, ...secretInputs]), failures: result.failures };
    },

    async diff(id, urn, olds: Props, news: Props) {
      const { kind } = resourceOf(urn);
      return handlers[kind].diff(id, unwrapSecrets(olds).plain, unwrapSecrets(news).plain);
    },

    async create(urn, inputs: Props) {
      const { kind, secretOutputs } = resourceOf(urn);
      const { plain, secretNames: secret } = unwrapSecrets(inputs);
      const result = await handlers[kind].create(plain);
      return { id: result.id, outs: wrapSecrets(result.outs, [...secret, ...secretOutputs]) };
    },

    async read(id, urn, props: Props | undefined) {
      const { kind, secretInputs, secretOutputs } = resourceOf(urn);
      const { plain, secretNames: secret } = unwrapSecrets(props);
      const result = await handlers[kind].read(id, plain);
      return {
        id: result.id,
        props: wrapSecrets(result.props, [...secret, ...secretOutputs]),
        inputs: wrapSecrets(result.inputs, [...secret, ...secretInputs]),
      };
    },

    async update(id, urn, olds: Props, news: Props) {
      const { kind, secretOutputs } = resourceOf(urn);
      const old = unwrapSecrets(olds);
      const next = unwrapSecrets(news);
      const result = await handlers[kind].update(id, old.plain, next.plain);
      return { outs: wrapSecrets(result.outs, [...old.secretNames, ...next.secretNames, ...secretOutputs]) };
    },

    async delete(id, urn, props: Props) {
      const { kind } = resourceOf(urn);
      await handlers[kind].delete(id, unwrapSecrets(props).plain);
    },

    async invoke(tok, args: Props) {
      const name = FUNCTIONS[tok];
      if (name === undefined) throw new Error(`ncloud-keys has no function ${tok}; it has ${Object.keys(FUNCTIONS).join(", ")}`);
      const spec = functions[tok as keyof typeof functions];
      const { plain, secretNames: secret } = unwrapSecrets(args);
      const result = await handlerFunctions[name](plain);
      return { outputs: wrapSecrets(result.outputs, [...secret, ...secretNames(spec.outputs.properties)]), failures: result.failures };
    },
  };
}
