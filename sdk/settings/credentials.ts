import { DEFAULT_PROFILE, readConfigFile } from "./configFile";
import { credentialsFromEnvironment } from "./envCredentials";
import { NcloudError, type ServiceName } from "../errors/errors";

export interface Credentials {
  accessKey: string;
  secretKey: string;
}

/** Where credentials may come from, in the order they are tried. */
export interface CredentialSources {
  /** SDK options (the provider puts `ncloud:accessKey` / `ncloud:secretKey` here). */
  accessKey?: string;
  secretKey?: string;
  env: Record<string, string | undefined>;
  configFile: string;
  /** Section of the config file; default NCLOUD_PROFILE, else DEFAULT. */
  profile?: string;
}

function nonEmpty(value: string | undefined): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

function credentialsError(operation: string, message: string): NcloudError {
  return new NcloudError(`${operation}: ${message}`, {
    code: "MissingCredentials",
    service: operation.split(".")[0] as ServiceName,
    operation,
  });
}

const MISSING =
  "no NCP credentials found. Fix: pass accessKey and secretKey (Pulumi config ncloud:accessKey / ncloud:secretKey), " +
  "or set NCLOUD_ACCESS_KEY (or NCLOUD_ACCESS_KEY_ID) and NCLOUD_SECRET_KEY (or NCLOUD_SECRET_ACCESS_KEY), " +
  "or write ncloud_access_key_id and ncloud_secret_access_key to the [DEFAULT] section of ~/.ncloud/configure " +
  "(another section with NCLOUD_PROFILE / ncloud:profile), " +
  "or, on an NCP server with a role, turn on server-role credentials (ncloud:serverRole / NCLOUD_SERVER_ROLE true, or the role's name)";

/** The error for no credentials in any source. */
export function missingCredentials(operation: string): NcloudError {
  return credentialsError(operation, MISSING);
}

/**
 * One source's pair: both halves, nothing, or an error naming the missing half. A half pair stops
 * the chain instead of falling through, because the next source may hold another account's keys
 * and the user meant this one.
 */
function pairFrom(
  operation: string,
  [idName, idValue]: [string, string | undefined],
  [secretName, secretValue]: [string, string | undefined],
  where: string,
): Credentials | undefined {
  const accessKey = nonEmpty(idValue);
  const secretKey = nonEmpty(secretValue);
  if (accessKey && secretKey) return { accessKey, secretKey };
  if (!accessKey && !secretKey) return undefined;
  const [has, missing] = accessKey ? [idName, secretName] : [secretName, idName];
  throw credentialsError(operation, `${where} has ${has} but not ${missing}. Fix: set ${missing} too, or remove ${has} to use the next credential source`);
}

/**
 * Options (stack config), then the environment (./envCredentials: either name of each half,
 * an error where NCP's tools disagree), then one section of the ncloud CLI file. The first source
 * that holds any part of a pair decides. Throws when none holds anything.
 */
export function resolveCredentials(operation: string, sources: CredentialSources): Credentials {
  const found = findCredentials(operation, sources);
  if (found) return found;
  throw missingCredentials(operation);
}

/**
 * resolveCredentials, but undefined when no source holds any part of a pair: the caller may have
 * a last source (server-role credentials, ./serverRoleCredentials) that only such a machine uses.
 */
export function findCredentials(operation: string, sources: CredentialSources): Credentials | undefined {
  const fromOptions = pairFrom(operation, ["accessKey", sources.accessKey], ["secretKey", sources.secretKey], "the provider configuration");
  if (fromOptions) return fromOptions;
  return credentialsFromEnvironment(operation, sources.env) ?? fromConfigFile(operation, sources);
}

function fromConfigFile(operation: string, sources: CredentialSources): Credentials | undefined {
  const named = nonEmpty(sources.profile) ?? nonEmpty(sources.env.NCLOUD_PROFILE);
  const profile = named ?? DEFAULT_PROFILE;
  const file = readConfigFile(sources.configFile);
  if (file === undefined) {
    if (named) throw credentialsError(operation, `profile "${named}" was asked for, but ${sources.configFile} cannot be read. Fix: create it, or unset NCLOUD_PROFILE / ncloud:profile`);
    return undefined;
  }
  const section = file.get(profile);
  if (section === undefined) {
    if (!named) return undefined;
    const names = [...file.keys()].map((name) => `[${name}]`).join(", ") || "no sections";
    throw credentialsError(
      operation,
      `${sources.configFile} has no profile [${named}] (it has ${names}). Fix: set NCLOUD_PROFILE / ncloud:profile to one of those, or add the section`,
    );
  }
  const pair = pairFrom(
    operation,
    ["ncloud_access_key_id", section.ncloud_access_key_id],
    ["ncloud_secret_access_key", section.ncloud_secret_access_key],
    `${sources.configFile} section [${profile}]`,
  );
  return pair;
}
