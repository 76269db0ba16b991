/**
 * The local runner: `up` and `destroy` for a Pulumi program, without the Pulumi CLI, against the
 * real dynamic-provider host. A test and evaluation tool, not the Pulumi engine: see README.md.
 */
import * as pulumi from "@pulumi/pulumi";
import { startProviderHost, type ProviderHost } from "../providerHost";
import { userProjectDir } from "../userProject";
import { isSecret, reveal, secret, type WireObject, type WireValue } from "../wireValues";
import { startDeployment, type ObservedOptions, type Step } from "./deployment";
import { loadProgram } from "./programLoader";
import { formatOutputs, formatStep, summarize } from "./report";
import { projectName, providerConfig, stackConfig } from "./stackConfig";
import { openStateStore } from "./stateFile";

export type { Step } from "./deployment";
export { keyFileOf } from "./secretBox";

export interface RunOptions {
  /** The program's directory (with Pulumi.yaml and index.ts). */
  program: string;
  /** The JSON state file; its secrets key is `<stateFile>.key`. */
  stateFile: string;
  /** Default: the `name:` of the program's Pulumi.yaml. */
  project?: string;
  /** Default `dev`. */
  stack?: string;
  /** Stack config; bare keys are the project's (`rotation` → `<project>:rotation`). */
  config?: Record<string, string>;
  /** Which config keys are secret (as `pulumi config set --secret`). */
  secretConfig?: string[];
  /** The provider host's environment. Default: this process's. */
  hostEnv?: NodeJS.ProcessEnv;
  /** Where the report lines go. Default `console.log`. */
  log?: (line: string) => void;
  /** Receives everything the provider host printed (stdout and stderr) when the run ends: for leak scans. */
  hostOutput?: (text: string) => void;
  /**
   * gRPC deadline of each call to the provider host, ms. Default 10 s (providerHost.ts). The
   * engine sets none; a run that registers hundreds of resources at once under a rate limit
   * (the bench's scale row) needs more, or its last creates run out of deadline after succeeding.
   */
  callTimeoutMs?: number;
}

export interface RunResult {
  steps: Step[];
  summary: string;
  /** The stack outputs as plain values: in memory only, never printed or written as they are. */
  outputs: Record<string, unknown>;
  /** Names of the stack outputs that are secret. */
  secretOutputs: string[];
}

/** The organization of a stack on a file backend, as `pulumi.getOrganization()` names it there. */
const ORGANIZATION = "organization";

/** Runs the program and brings the stack to what it registers. */
export async function up(options: RunOptions): Promise<RunResult> {
  const project = options.project ?? projectName(options.program);
  const stack = options.stack ?? "dev";
  const config = stackConfig(project, options.config ?? {}, options.secretConfig);
  const store = openStateStore(options.stateFile);
  const log = options.log ?? console.log;
  const steps: Step[] = [];
  // The host starts while the program loads, as the engine starts plugins beside the language host.
  const hostReady = configuredHost(options, config);
  hostReady.catch(() => undefined); // a failed start rejects the first registration that needs it
  const previous = store.load();
  const deployment = startDeployment(hostReady, previous, (step) => {
    steps.push(step);
    log(formatStep(step));
  });
  log(`Updating ${project}/${stack} (local runner)`);
  try {
    const observed = new Map<string, ObservedOptions>();
    const inflight = new Set<Promise<unknown>>();
    // The first failed registration ends the run, as the engine aborts an update: the failed
    // resource's registration is left pending (so neither it nor its dependents resolve, and no
    // Output rejects unobserved), the registrations already under way finish, and the run fails.
    let failed: (err: unknown) => void = () => undefined;
    const failure = new Promise<{ failure: unknown }>((resolve) => (failed = (err) => resolve({ failure: err })));
    await pulumi.runtime.setMocks(
      {
        newResource: async (args) => {
          if (!args.custom) return { id: undefined, state: args.inputs };
          // A StackReference to this very stack (examples/gitops reads the key its last run held): the outputs of the last run.
          if (args.type === "pulumi:pulumi:StackReference" && args.inputs.name === `${ORGANIZATION}/${project}/${stack}`) {
            return { id: String(args.inputs.name), state: { name: args.inputs.name, outputs: previous.outputs, secretOutputNames: [] } };
          }
          const urn = `urn:pulumi:${stack}::${project}::${args.type}::${args.name}`;
          const registering = args.type.startsWith("pulumi-nodejs:dynamic")
            ? deployment.register({
                urn,
                type: args.type,
                name: args.name,
                // The mock monitor hands inputs over deserialized, secrets still in wire shape.
                inputs: args.inputs as WireObject,
                options: observed.get(`${args.type}::${args.name}`) ?? {},
              })
            : Promise.reject(new Error(`${urn}: the local runner runs dynamic resources only`));
          inflight.add(registering);
          try {
            const state = await registering;
            // Returned state is serialized back: wire-shaped secrets arrive as secret Outputs.
            return { id: state.id, state: state.outputs };
          } catch (err) {
            failed(err);
            return new Promise<never>(() => undefined);
          } finally {
            inflight.delete(registering);
          }
        },
        call: (args) => {
          throw new Error(`the local runner does not run invokes (${args.token})`);
        },
      },
      project,
      stack,
      false,
      ORGANIZATION,
    );
    pulumi.runtime.setAllConfig(config.values, config.secretKeys);

    let exported: Record<string, unknown> = {};
    const run = pulumi.runtime.runInPulumiStack(async () => {
      pulumi.runtime.registerStackTransformation((args) => {
        observed.set(`${args.type}::${args.name}`, args.opts as ObservedOptions);
        return undefined;
      });
      exported = loadProgram(options.program);
      return exported;
    });
    const finished = run.then(
      // As the language host does at the end of a program: wait for every registration.
      async () => (await pulumi.runtime.disconnect(), { failure: undefined }),
      (err: unknown) => ({ failure: err }),
    );
    const outcome = await Promise.race([finished, failure]);
    while (inflight.size > 0) await Promise.allSettled([...inflight]);
    if (outcome.failure !== undefined) throw outcome.failure;

    await deployment.finish();
    const outputs = await stackOutputs(exported);
    store.save({ ...deployment.snapshot(), outputs });
    for (const line of formatOutputs(outputs)) log(line);
    const summary = summarize(steps);
    log(summary);
    return { steps, summary, outputs: reveal(outputs) as Record<string, unknown>, secretOutputs: Object.keys(outputs).filter((k) => isSecret(outputs[k])) };
  } catch (err) {
    store.save({ ...deployment.snapshot(), outputs: store.load().outputs });
    throw err;
  } finally {
    const host = await hostReady.catch(() => undefined);
    if (host) await closeHost(host, options);
  }
}

/** Deletes every resource in the state, dependents first (reverse registration order). */
export async function destroy(options: RunOptions): Promise<RunResult> {
  const project = options.project ?? projectName(options.program);
  const config = stackConfig(project, options.config ?? {}, options.secretConfig);
  const store = openStateStore(options.stateFile);
  const log = options.log ?? console.log;
  const state = store.load();
  const steps: Step[] = [];
  log(`Destroying ${project}/${options.stack ?? "dev"} (local runner)`);
  const host = await configuredHost(options, config);
  try {
    for (const resource of [...state.resources].reverse()) {
      await host.delete(resource.id, resource.urn, resource.outputs);
      state.resources.splice(state.resources.indexOf(resource), 1);
      const step: Step = { op: "delete", urn: resource.urn, type: resource.type, name: resource.name, id: resource.id };
      steps.push(step);
      log(formatStep(step));
    }
    state.outputs = {};
  } finally {
    store.save(state);
    await closeHost(host, options);
  }
  const summary = summarize(steps);
  log(summary);
  return { steps, summary, outputs: {}, secretOutputs: [] };
}

async function closeHost(host: ProviderHost, options: RunOptions): Promise<void> {
  // After close: the host's last lines may still be in the pipe until it has exited.
  await host.close();
  options.hostOutput?.(host.output());
}

async function configuredHost(options: RunOptions, config: ReturnType<typeof stackConfig>): Promise<ProviderHost> {
  // The host resolves `require("pulumi-ncloud-keys/handlers")` from a user-project-shaped dir → dist/.
  const host = await startProviderHost({ cwd: userProjectDir(), env: options.hostEnv ?? process.env, callTimeoutMs: options.callTimeoutMs });
  try {
    const { values, secretKeys } = providerConfig(config);
    await host.configure(values, { secretKeys });
    return host;
  } catch (err) {
    await closeHost(host, options);
    throw err;
  }
}

/** The program's exports, resolved, a secret Output kept secret (in wire shape). */
async function stackOutputs(exported: Record<string, unknown>): Promise<WireObject> {
  const outputs: WireObject = {};
  for (const [key, value] of Object.entries(exported)) {
    const output = pulumi.output(value);
    const isSecret = await pulumi.isSecret(output);
    const plain = await new Promise<unknown>((resolve) => pulumi.unsecret(output).apply(resolve));
    if (plain === undefined) continue;
    const wire = JSON.parse(JSON.stringify(plain)) as WireValue;
    outputs[key] = isSecret ? secret(wire) : wire;
  }
  return outputs;
}
