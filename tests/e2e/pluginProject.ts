/**
 * A `runtime: yaml` project through the ncloud-keys provider plugin, on the real engine and the YAML
 * language host, against the emulator: what tests/e2e/plugin*.test.ts share.
 *
 * The plugin is the tarball `npm run plugin:pack` makes, packed once for what goes in it by
 * whichever test file asks first (the others wait for it: scripts/plugin/pack.ts), and installed
 * with `pulumi plugin install resource ncloud-keys <version> --file` into the stack's own
 * PULUMI_HOME. The project runs from a temp directory outside this repository (scripts/engine/
 * projectStack), so nothing of ours is on the plugin's module path but what the tarball holds. The
 * plugin's settings point at the emulator, its secretKey set as a secret.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator, type Emulator } from "../../sdk/emulator";
import { openProjectStack, type ProjectStack } from "../../scripts/engine/projectStack";
import { readCheckpoint } from "../../scripts/engine/stateScan";
import { packPlugin, PLUGIN_NAME, type PackedPlugin } from "../../scripts/plugin/pack";
import type { StateResource } from "./harness";

/** The type token of a resource or function of the plugin: `ncloud-keys:index:<name>`. */
export const pluginType = (name: string): string => `${PLUGIN_NAME}:index:${name}`;

export interface PluginProject {
  project: ProjectStack;
  plugin: PackedPlugin;
  emulator: Emulator;
  /** The checkpoint on disk, as the file backend wrote it (secrets encrypted). */
  checkpoint(): unknown;
  /** The resources of the checkpoint, of one type when `type` is given. */
  resources(type?: string): StateResource[];
  /** `METHOD path` of every write (not a GET) the emulator received from request `from` on. */
  writesSince(from: number): string[];
  /** Removes the stack's directories and stops the emulator. */
  close(): Promise<void>;
}

/** Opens the stack `dev` of the YAML project at `projectDir` with its own `config` (bare keys), the plugin installed. */
export async function openPluginProject(projectDir: string, config: Record<string, string>): Promise<PluginProject> {
  const plugin = await packPlugin();
  const emulator = await startEmulator();
  let project: ProjectStack;
  try {
    project = await openProjectStack({
      project: projectDir,
      config: {
        ...config,
        [`${PLUGIN_NAME}:apiUrl`]: emulator.url,
        [`${PLUGIN_NAME}:accessKey`]: emulator.accessKey,
        [`${PLUGIN_NAME}:secretKey`]: emulator.secretKey,
      },
      secretConfig: [`${PLUGIN_NAME}:secretKey`],
      plugins: [{ kind: "resource", name: PLUGIN_NAME, version: plugin.version, file: plugin.tarball }],
    });
  } catch (error) {
    await emulator.close();
    throw error;
  }
  const projectName = /^name:\s*(\S+)\s*$/m.exec(fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8"))![1];
  const checkpoint = () => readCheckpoint(project.backendDir, projectName, project.stack.name);
  return {
    project,
    plugin,
    emulator,
    checkpoint,
    resources: (type) => {
      const all = (checkpoint() as { checkpoint: { latest?: { resources?: StateResource[] } } }).checkpoint.latest?.resources ?? [];
      return type === undefined ? all : all.filter((r) => r.type === type);
    },
    writesSince: (from) => emulator.requests.slice(from).filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`),
    close: async () => {
      project.dispose();
      await emulator.close();
    },
  };
}
