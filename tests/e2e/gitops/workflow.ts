/**
 * The gitops example's GitHub Actions workflow, read as GitHub reads it: which jobs an event
 * runs and what their steps are, so the replay (replay.ts) follows the file, not a copy of it.
 */
import * as fs from "node:fs";
import { evaluate, type ExpressionContext } from "./workflowExpression";
import { parseYaml } from "./yaml";

export interface WorkflowStep {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string | number | boolean>;
  "working-directory"?: string;
  env?: Record<string, string>;
}

export interface WorkflowJob {
  if?: string;
  "runs-on": string;
  steps: WorkflowStep[];
}

export interface Workflow {
  on: Record<string, unknown>;
  env: Record<string, string>;
  jobs: Record<string, WorkflowJob>;
}

export function readWorkflow(file: string): Workflow {
  const workflow = parseYaml(fs.readFileSync(file, "utf8")) as Workflow;
  if (!workflow?.jobs || !workflow.on) throw new Error(`${file}: not a workflow (no on: or jobs:)`);
  return workflow;
}

export interface GitHubEvent {
  event_name: "pull_request" | "push" | "schedule" | "workflow_dispatch";
  ref: string;
}

/** The jobs `event` runs, in the file's order: the event is among `on:`, and each job's `if:` holds. */
export function jobsFor(workflow: Workflow, event: GitHubEvent): string[] {
  if (!(event.event_name in workflow.on)) return [];
  const context: ExpressionContext = { github: event, env: {}, secrets: {} };
  return Object.entries(workflow.jobs)
    .filter(([, job]) => job.if === undefined || evaluate(job.if.replace(/^\$\{\{(.*)\}\}$/s, "$1"), context) === true)
    .map(([name]) => name);
}
