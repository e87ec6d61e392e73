/**
 * The vocabulary between the queue executor and the coordinators that split a job into pieces of
 * work (ingestion batches, cross-validation folds): how a piece is run, and how its messages reach
 * the sidecar's job.
 */
import type { ExecutableJob } from "./job-runner.js";
import type { JobContext } from "./job-types.js";
import type { PartHooks } from "./queue-dispatcher.js";

/** A piece of a job for the queue: its queue id (unique, deterministic), kind and params. */
export interface WorkPart {
  id: string;
  kind: string;
  params: unknown;
}

/** Runs one piece on the queue and resolves with its result. */
export type PartRunner = (part: WorkPart, hooks: PartHooks) => Promise<unknown>;

/** Runs a job of one kind as several pieces on the queue and returns the job's result. */
export type Coordinator = (job: ExecutableJob, ctx: JobContext, started: () => void, runPart: PartRunner) => Promise<unknown>;

/** Hooks that pass a piece's start, progress and log lines straight to the job (the piece is the whole job). */
export function forwardTo(ctx: JobContext, started: () => void): PartHooks {
  return {
    signal: ctx.signal,
    onActive: started,
    onMessage: (message) => {
      if (message.progress) ctx.progress(message.progress);
      for (const line of message.log ?? []) ctx.log(line);
    },
  };
}

/** Aborts when `parent` does, or when `abort()` is called (e.g. the first of several pieces failed). */
export function linkedAbort(parent: AbortSignal): AbortController {
  const controller = new AbortController();
  if (parent.aborted) controller.abort(parent.reason);
  else parent.addEventListener("abort", () => controller.abort(parent.reason), { once: true });
  return controller;
}
