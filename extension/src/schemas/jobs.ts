/**
 * The sidecar's jobs (GET /jobs, GET /jobs/{id}, the 202 answer of anything that starts one).
 * Unknown extra fields are dropped, so a newer sidecar still works with these panels.
 */
import * as z from "zod/mini";

/** Every state a job can be in; the last four are final. */
export const JobStatusSchema = z.enum(["queued", "running", "succeeded", "failed", "cancelled", "interrupted"]);

/** How far a job got: a fraction in [0, 1], a message and named counters. */
export const JobProgressSchema = z.object({
  fraction: z.number(),
  message: z.nullable(z.string()),
  counters: z.record(z.string(), z.number()),
});

/** A job as listed by GET /jobs: no result, no log. */
export const JobSummarySchema = z.object({
  id: z.string(),
  kind: z.string(),
  params: z.unknown(),
  status: JobStatusSchema,
  progress: JobProgressSchema,
  error: z.nullable(z.object({ code: z.string(), message: z.string() })),
  trigger: z.string(),
  createdAt: z.string(),
  startedAt: z.nullable(z.string()),
  finishedAt: z.nullable(z.string()),
  cancelRequested: z.boolean(),
});

/** One job as GET /jobs/{id} answers: the summary plus its result and log tail. */
export const JobSchema = z.extend(JobSummarySchema, {
  result: z.optional(z.unknown()),
  log: z.optional(z.array(z.string())),
});

/** The 202 answer of a request that started a job. */
export const JobAcceptedSchema = z.object({
  jobId: z.string(),
  location: z.optional(z.string()),
  job: z.optional(JobSummarySchema),
});

/** GET /jobs's answer. */
export const JobListSchema = z.array(JobSummarySchema);

/** queued | running | succeeded | failed | cancelled | interrupted. */
export type JobStatus = z.infer<typeof JobStatusSchema>;
/** A job's progress. */
export type JobProgressInfo = z.infer<typeof JobProgressSchema>;
/** A job without result and log. */
export type JobSummary = z.infer<typeof JobSummarySchema>;
/** A job with result and log. */
export type Job = z.infer<typeof JobSchema>;
/** `{ jobId, location, job }`. */
export type JobAccepted = z.infer<typeof JobAcceptedSchema>;

/** Statuses after which a job never changes again. */
export const FINAL_JOB_STATUSES: readonly JobStatus[] = ["succeeded", "failed", "cancelled", "interrupted"];

/** True once the job can no longer change. */
export function isFinished(job: Pick<JobSummary, "status">): boolean {
  return FINAL_JOB_STATUSES.includes(job.status);
}
