/**
 * The engine's job for one `up`, per dynamic resource the program registers: Check, then Create,
 * or Diff against the previous state and then Update or replace; and at the end, the deletes.
 *
 * As in Pulumi: a replacement is create-before-delete unless the diff or the resource option says
 * `deleteBeforeReplace`, and the old half of a create-before-delete replacement is deleted only
 * after every create and update of the run. Resources the program no longer registers are deleted
 * at the end, in reverse registration order.
 */
import type { DiffResult, ProviderHost, WireObject } from "../providerHost";
import { isSecret, reveal, secret } from "../wireValues";
import type { ResourceState, StackState } from "./stateFile";

export type Operation = "create" | "update" | "replace" | "same" | "delete" | "delete-replaced";

/** One thing the runner did (or found nothing to do) for one resource. */
export interface Step {
  op: Operation;
  urn: string;
  type: string;
  name: string;
  id: string;
  /** The properties that changed (update) or forced the replacement (replace). */
  changed?: string[];
}

/** The resource options the runner honours, as observed by a stack transformation. */
export interface ObservedOptions {
  additionalSecretOutputs?: string[];
  deleteBeforeReplace?: boolean;
  replaceOnChanges?: string[];
}

export interface Registration {
  urn: string;
  type: string;
  name: string;
  /** The inputs as the program sent them, secrets in wire shape. */
  inputs: WireObject;
  options: ObservedOptions;
}

export interface Deployment {
  /** Brings one resource to its registered inputs; resolves with its state (outputs for the program). */
  register(registration: Registration): Promise<ResourceState>;
  /** The deletes that wait for the end of the run. */
  finish(): Promise<void>;
  /** What the state file should hold now, also after a failure part-way. */
  snapshot(): StackState;
}

export function startDeployment(hostReady: Promise<ProviderHost>, previous: StackState, report: (step: Step) => void): Deployment {
  // Old resources not yet re-registered, replaced or deleted.
  const remaining = new Map(previous.resources.filter((r) => !r.pendingDelete).map((r) => [r.urn, r]));
  // Old halves of create-before-delete replacements (from an earlier failed run, then this one).
  const replaced: ResourceState[] = previous.resources.filter((r) => r.pendingDelete);
  // One slot per registration, in call order, filled when the resource is done.
  const registered: Array<ResourceState | undefined> = [];
  const seen = new Set<string>();

  const stepOf = (op: Operation, r: { urn: string; type: string; name: string; id: string }, changed?: string[]): Step => ({
    op, urn: r.urn, type: r.type, name: r.name, id: r.id, ...(changed && changed.length > 0 ? { changed } : {}),
  });

  async function create(reg: Registration, inputs: WireObject, secretKeys: Set<string>): Promise<ResourceState> {
    const { id, properties } = await (await hostReady).create(reg.urn, inputs);
    return { urn: reg.urn, type: reg.type, name: reg.name, id, inputs, outputs: markSecret(properties, secretKeys) };
  }

  async function converge(reg: Registration): Promise<ResourceState> {
    const prior = remaining.get(reg.urn);
    const secretKeys = new Set([...(reg.options.additionalSecretOutputs ?? []), ...secretKeysOf(reg.inputs)]);
    const checked = await (await hostReady).check(reg.urn, prior?.inputs ?? {}, reg.inputs);
    if (checked.failures.length > 0) {
      throw new Error(`${reg.urn}: invalid inputs: ${checked.failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
    }
    const inputs = markSecret(checked.inputs, secretKeysOf(reg.inputs));
    if (!prior) {
      const created = await create(reg, inputs, secretKeys);
      report(stepOf("create", created));
      return created;
    }
    const diff = await (await hostReady).diff(prior.id, reg.urn, prior.outputs, inputs);
    const replaces = replacingKeys(diff, reg.options);
    if (replaces.length > 0) {
      const deleteFirst = diff.deleteBeforeReplace || reg.options.deleteBeforeReplace === true;
      if (deleteFirst) {
        await (await hostReady).delete(prior.id, prior.urn, prior.outputs);
        remaining.delete(reg.urn);
      }
      const created = await create(reg, inputs, secretKeys);
      if (!deleteFirst) {
        remaining.delete(reg.urn);
        replaced.push({ ...prior, pendingDelete: true });
      }
      report(stepOf("replace", created, replaces));
      return { ...created, ...(deleteFirst ? { deleteBeforeReplace: true } : {}) };
    }
    if (!hasChanges(diff, prior.inputs, inputs)) {
      report(stepOf("same", prior));
      return { ...prior, inputs };
    }
    const { properties } = await (await hostReady).update(prior.id, reg.urn, prior.outputs, inputs);
    const updated = { ...prior, inputs, outputs: markSecret(properties, secretKeys) };
    report(stepOf("update", updated, diff.diffs.length > 0 ? diff.diffs : changedKeys(prior.inputs, inputs)));
    return updated;
  }

  return {
    async register(reg) {
      if (seen.has(reg.urn)) throw new Error(`${reg.urn} was registered twice: resource names must be unique per type`);
      seen.add(reg.urn);
      const slot = registered.push(undefined) - 1;
      const state = await converge(reg);
      registered[slot] = state;
      remaining.delete(reg.urn);
      return state;
    },

    async finish() {
      // Old halves of replacements first (their successors exist now), then what the program dropped.
      const deletes = [...[...replaced].reverse(), ...[...remaining.values()].filter((r) => !seen.has(r.urn)).reverse()];
      for (const old of deletes) {
        await (await hostReady).delete(old.id, old.urn, old.outputs);
        if (old.pendingDelete) replaced.splice(replaced.indexOf(old), 1);
        else remaining.delete(old.urn);
        report(stepOf(old.pendingDelete ? "delete-replaced" : "delete", old));
      }
    },

    snapshot() {
      const done = registered.filter((r): r is ResourceState => r !== undefined);
      return { resources: [...done, ...remaining.values(), ...replaced], outputs: {} };
    },
  };
}

/** Replacement keys: what the provider said, plus any `replaceOnChanges` property that changed. */
function replacingKeys(diff: DiffResult, options: ObservedOptions): string[] {
  const keys = new Set(diff.replaces);
  for (const key of options.replaceOnChanges ?? []) {
    if (key === "*" ? diff.diffs.length > 0 : diff.diffs.includes(key)) keys.add(key);
  }
  return [...keys];
}

/** DIFF_UNKNOWN (a provider without an opinion): the engine compares the inputs itself. */
function hasChanges(diff: DiffResult, oldInputs: WireObject, newInputs: WireObject): boolean {
  if (diff.changes === "DIFF_SOME") return true;
  if (diff.changes === "DIFF_NONE") return false;
  return JSON.stringify(reveal(oldInputs)) !== JSON.stringify(reveal(newInputs));
}

/** The input keys whose values differ, for the report when the provider names none. */
function changedKeys(oldInputs: WireObject, newInputs: WireObject): string[] {
  const keys = new Set([...Object.keys(oldInputs), ...Object.keys(newInputs)]);
  return [...keys].filter((k) => JSON.stringify(reveal(oldInputs[k] ?? null)) !== JSON.stringify(reveal(newInputs[k] ?? null)));
}

function secretKeysOf(props: WireObject): string[] {
  return Object.entries(props).filter(([, v]) => isSecret(v)).map(([k]) => k);
}

/** The engine marks an output secret when asked to (additionalSecretOutputs) or when its input was. */
function markSecret(props: WireObject, keys: Iterable<string>): WireObject {
  const marked = { ...props };
  for (const key of keys) {
    const value = marked[key];
    if (value !== undefined && !isSecret(value)) marked[key] = secret(value);
  }
  return marked;
}
