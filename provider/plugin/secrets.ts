/**
 * Secrets on the plugin's wire. The plugin tells the engine it accepts secrets (@pulumi/pulumi's
 * server answers Configure so), so a secret arrives wrapped: `{ [SIG]: SECRET, value }`. The
 * handlers are written for plain values (the dynamic-provider host unwraps them), so the plugin
 * unwraps on the way in and wraps on the way out; a value that was secret stays secret, and so
 * does every property the schema marks secret, whatever the program's language did with it.
 *
 * The marker is Pulumi's wire format (sdk/nodejs/runtime/rpc.ts `specialSigKey`,
 * `specialSecretSig`), spelled out here so the plugin loads no more of @pulumi/pulumi than it must.
 */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

type Props = Record<string, unknown>;

function isSecret(value: unknown): value is { value: unknown } {
  return typeof value === "object" && value !== null && (value as Props)[SIG_KEY] === SECRET_SIG;
}

function unwrap(value: unknown): { value: unknown; secret: boolean } {
  if (isSecret(value)) return { value: unwrap(value.value).value, secret: true };
  if (Array.isArray(value)) {
    const items = value.map(unwrap);
    return { value: items.map((i) => i.value), secret: items.some((i) => i.secret) };
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).map(([k, v]) => [k, unwrap(v)] as const);
    return { value: Object.fromEntries(entries.map(([k, v]) => [k, v.value])), secret: entries.some(([, v]) => v.secret) };
  }
  return { value, secret: false };
}

/**
 * The properties as plain values, and the names of the top-level properties that held a secret
 * anywhere inside (the whole property is treated as secret from then on).
 */
export function unwrapSecrets(props: Props | undefined): { plain: Props; secretNames: Set<string> } {
  const plain: Props = {};
  const secretNames = new Set<string>();
  for (const [name, value] of Object.entries(props ?? {})) {
    const unwrapped = unwrap(value);
    plain[name] = unwrapped.value;
    if (unwrapped.secret) secretNames.add(name);
  }
  return { plain, secretNames };
}

/** `props` with each named property that is present wrapped as a secret. */
export function wrapSecrets(props: Props | undefined, secretNames: Iterable<string>): Props | undefined {
  if (props === undefined) return undefined;
  const wrapped: Props = { ...props };
  for (const name of secretNames) {
    const value = wrapped[name];
    if (value !== undefined && !isSecret(value)) wrapped[name] = { [SIG_KEY]: SECRET_SIG, value };
  }
  return wrapped;
}
