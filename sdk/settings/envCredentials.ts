import type { Credentials } from "./credentials";
import { NcloudError, type ServiceName } from "../errors/errors";

/**
 * The key pair from the environment, where NCP's own tools do not agree on the names:
 * - ncloud-sdk-go-v2 `ncloud/credentials/env_provider.go`: id `NCLOUD_ACCESS_KEY_ID`, else
 *   `NCLOUD_ACCESS_KEY`; secret `NCLOUD_SECRET_ACCESS_KEY`, else `NCLOUD_SECRET_KEY`, each half
 *   on its own (its README pairs `NCLOUD_ACCESS_KEY_ID` with `NCLOUD_SECRET_KEY`);
 * - ncloud-sdk-java `EnvironmentVariableCredentialsProvider.java`: id as Go, but secret
 *   `NCLOUD_SECRET_KEY` before `NCLOUD_SECRET_ACCESS_KEY`;
 * - ncloud-sdk-python `ncloud_apikey/credentials.py`: only `NCLOUD_ACCESS_KEY_ID` /
 *   `NCLOUD_SECRET_ACCESS_KEY`;
 * - terraform-provider-ncloud `internal/provider/provider.go`: only `NCLOUD_ACCESS_KEY` /
 *   `NCLOUD_SECRET_KEY`.
 *
 * So the rule here takes what they agree on and asks where they do not. Each half may come from
 * either of its two names (a Go-style `NCLOUD_ACCESS_KEY_ID` + `NCLOUD_SECRET_KEY` works, as it does
 * in Go and Java). When both names of one half are set to different values, which key a tool uses
 * depends on the tool, so this is an error naming both, never a silent pick: one machine's
 * environment must not sign as one account here and as another in terraform.
 */
const ACCESS_KEY_NAMES = ["NCLOUD_ACCESS_KEY", "NCLOUD_ACCESS_KEY_ID"];
const SECRET_KEY_NAMES = ["NCLOUD_SECRET_KEY", "NCLOUD_SECRET_ACCESS_KEY"];

function nonEmpty(value: string | undefined): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

function environmentError(operation: string, message: string): NcloudError {
  return new NcloudError(`${operation}: ${message}`, {
    code: "MissingCredentials",
    service: operation.split(".")[0] as ServiceName,
    operation,
  });
}

/** One half from its two names: the value and the name it came from, or an error when they differ. */
function half(
  operation: string,
  read: ReadonlyArray<[name: string, value: string | undefined]>,
  what: string,
  whoReadsWhich: string,
): { name: string; value: string } | undefined {
  const [first, second] = read.map(([name, value]) => ({ name, value: nonEmpty(value) }));
  if (first.value !== undefined && second.value !== undefined && first.value !== second.value) {
    throw environmentError(
      operation,
      `${first.name} and ${second.name} are both set, to different ${what}s, and NCP's tools disagree on which wins (${whoReadsWhich}). ` +
        `Fix: unset one of them, or set both to the same ${what}`,
    );
  }
  if (first.value !== undefined) return { name: first.name, value: first.value };
  if (second.value !== undefined) return { name: second.name, value: second.value };
  return undefined;
}

/**
 * The environment's pair; undefined when it holds no part of one. Half a pair is an error naming
 * the missing half: the next source may hold another account's keys, and the user meant this one.
 */
export function credentialsFromEnvironment(operation: string, env: Record<string, string | undefined>): Credentials | undefined {
  const id = half(operation, [["NCLOUD_ACCESS_KEY", env.NCLOUD_ACCESS_KEY], ["NCLOUD_ACCESS_KEY_ID", env.NCLOUD_ACCESS_KEY_ID]], "access key id", "terraform-provider-ncloud reads only the first; NCP's Go, Java and Python SDKs the second");
  const secret = half(operation, [["NCLOUD_SECRET_KEY", env.NCLOUD_SECRET_KEY], ["NCLOUD_SECRET_ACCESS_KEY", env.NCLOUD_SECRET_ACCESS_KEY]], "secret key", "terraform-provider-ncloud and ncloud-sdk-java read the first; ncloud-sdk-go-v2 and ncloud-sdk-python the second");
  if (id && secret) return { accessKey: id.value, secretKey: secret.value };
  if (!id && !secret) return undefined;
  const [has, missing] = id ? [id.name, SECRET_KEY_NAMES.join(" or ")] : [secret!.name, ACCESS_KEY_NAMES.join(" or ")];
  throw environmentError(
    operation,
    `the environment has ${has} but not ${missing}. Fix: set ${missing} too, or unset ${has} to use the next credential source`,
  );
}
