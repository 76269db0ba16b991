/**
 * The part of GitHub Actions' expression language the gitops workflow uses, so a test can ask
 * which jobs an event runs and what `${{ env.WORK_DIR }}` is, from the workflow itself:
 * `github.event_name`, `github.ref`, `env.NAME`, `secrets.NAME`, string literals, `==`, `!=`,
 * `&&`, `||` and parentheses (https://docs.github.com/actions/learn-github-actions/expressions).
 * Anything else is an error naming it, so a change to the workflow breaks the test that reads it.
 */
export interface ExpressionContext {
  github: { event_name: string; ref: string };
  env: Record<string, string>;
  secrets: Record<string, string>;
}

type Value = string | boolean;

function tokenize(text: string): string[] {
  const tokens = text.match(/'(?:[^']|'')*'|&&|\|\||==|!=|[()]|[A-Za-z_][\w.-]*|\S/g) ?? [];
  for (const t of tokens) if (/^[^'A-Za-z_()&|=!]/.test(t) || t === "!") throw new Error(`expression ${JSON.stringify(text)}: unsupported token ${t}`);
  return tokens;
}

function lookup(name: string, context: ExpressionContext): Value {
  const [scope, key, ...rest] = name.split(".");
  const table = (context as unknown as Record<string, Record<string, string>>)[scope];
  if (!table || key === undefined || rest.length) throw new Error(`expression: unsupported name ${name}`);
  if (scope === "secrets") return table[key] ?? ""; // GitHub gives an unset secret as ""
  const value = table[key];
  if (value === undefined) throw new Error(`expression: ${name} is not set`);
  return value;
}

/** Evaluates one expression (the text inside `${{ }}`, or a bare `if:`). */
export function evaluate(text: string, context: ExpressionContext): Value {
  const tokens = tokenize(text);
  let at = 0;
  const atom = (): Value => {
    const t = tokens[at++];
    if (t === "(") {
      const v = or();
      if (tokens[at++] !== ")") throw new Error(`expression ${JSON.stringify(text)}: missing )`);
      return v;
    }
    if (t?.startsWith("'")) return t.slice(1, -1).replace(/''/g, "'");
    if (t === "true" || t === "false") return t === "true";
    if (t && /^[A-Za-z_]/.test(t)) return lookup(t, context);
    throw new Error(`expression ${JSON.stringify(text)}: unexpected ${t ?? "end"}`);
  };
  const comparison = (): Value => {
    const left = atom();
    if (tokens[at] !== "==" && tokens[at] !== "!=") return left;
    const op = tokens[at++];
    const right = atom();
    return op === "==" ? left === right : left !== right;
  };
  const and = (): Value => {
    let v = comparison();
    while (tokens[at] === "&&") {
      at++;
      const right = comparison();
      v = Boolean(v) && Boolean(right);
    }
    return v;
  };
  function or(): Value {
    let v = and();
    while (tokens[at] === "||") {
      at++;
      const right = and();
      v = Boolean(v) || Boolean(right);
    }
    return v;
  }
  const value = or();
  if (at !== tokens.length) throw new Error(`expression ${JSON.stringify(text)}: unexpected ${tokens[at]}`);
  return value;
}

/** Replaces every `${{ ... }}` in a string by its value. */
export function expand(text: string, context: ExpressionContext): string {
  return text.replace(/\$\{\{(.*?)\}\}/g, (_, inner: string) => String(evaluate(inner.trim(), context)));
}
