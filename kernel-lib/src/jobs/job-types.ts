/**
 * The vocabulary of jobs (DESIGN.md decision 6): long work with an id, a status, progress, a log
 * tail and a result or an error. A job is described by `{ kind, params }` only, so the same job
 * can run in the sidecar's process today and on a queue worker later (decision 8).
 */
import type { z } from "zod";
import type { Logger } from "../util/logger.js";

/** Every status a job can be in. */
export const JOB_STATUSES = ["queued", "running", "succeeded", "failed", "cancelled", "interrupted"] as const;

/** queued → running → succeeded | failed | cancelled; interrupted when the process stopped under it. */
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Statuses a job never leaves. */
export const FINISHED_STATUSES: ReadonlySet<JobStatus> = new Set<JobStatus>(["succeeded", "failed", "cancelled", "interrupted"]);

/** True when `status` is final. */
export function isFinished(status: JobStatus): boolean {
  return FINISHED_STATUSES.has(status);
}

/** How far a job has come. */
export interface JobProgress {
  /** 0 at the start, 1 when done. */
  fraction: number;
  /** What it is doing now, e.g. "MSFT.SAMPLE ok". */
  message: string | null;
  /** Named counts, e.g. `{ done: 4, total: 10, failed: 0 }`. */
  counters: Record<string, number>;
}

/** Why a job did not succeed. */
export interface JobError {
  /** A kernel-lib error code, or CANCELLED, INTERRUPTED, ERROR. */
  code: string;
  message: string;
}

/** A job as listed: everything but its result and log. */
export interface JobSummary {
  id: string;
  kind: string;
  /** The params as submitted (validated with the kind's schema). */
  params: unknown;
  status: JobStatus;
  progress: JobProgress;
  error: JobError | null;
  /** Who submitted it: "api", "notebook", "schedule:<id>", "cli". */
  trigger: string;
  /** ISO times. */
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** True once a cancellation was asked for a job that is still running. */
  cancelRequested: boolean;
}

/** A job with its result and the last lines of its log. */
export interface Job extends JobSummary {
  /** The handler's return value once succeeded (cancelled work may leave a partial result). */
  result: unknown;
  /** The last lines the work wrote through `ctx.log`, oldest first. */
  log: string[];
}

/** A progress update from the work; omitted fields keep their value. */
export interface ProgressUpdate {
  fraction?: number;
  message?: string;
  counters?: Record<string, number>;
}

/** What a handler's work gets besides its params. */
export interface JobContext {
  jobId: string;
  /** Aborted when the job is cancelled or the process shuts down: stop soon after. */
  signal: AbortSignal;
  /** Reports progress; cheap to call often (persisted at most about once a second). */
  progress(update: ProgressUpdate): void;
  /** Writes one line to the job's log tail (and the process log). */
  log(line: string): void;
  /** The process logger, bound to this job. */
  logger: Logger;
}

/** Runs one kind of job. `params` validates what REST bodies, schedules and notebooks submit. */
export interface JobHandler<S extends z.ZodType = z.ZodType, R = unknown> {
  params: S;
  /** One line for the API docs and error messages. */
  description: string;
  run(params: z.output<S>, ctx: JobContext): Promise<R>;
}

/** A change to a job, as delivered to subscribers. */
export type JobEvent =
  | { type: "status"; job: Job }
  | { type: "progress"; jobId: string; progress: JobProgress }
  | { type: "log"; jobId: string; line: string };

/** Filter of a job listing. */
export interface JobQuery {
  status?: JobStatus;
  kind?: string;
  /** At most this many, newest first (default 50). */
  limit?: number;
}
