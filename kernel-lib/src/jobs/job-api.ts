/** The jobs part of kernel-lib's public API (re-exported by src/index.ts). */
export { jobIdOf, JobEvents, type JobListener } from "./job-events.js";
export { JobHandlers } from "./job-handlers.js";
export { type IngestFunction, ingestJobHandler } from "./job-ingest.js";
export { LOG_LINE_MAX_CHARS, LOG_TAIL_LINES, LogTail } from "./job-log.js";
export { type JobPlatform, registerJobHandlers } from "./job-registry.js";
export { type ExecutableJob, type JobExecutor, JobRunner, type JobRunnerOptions, type JobRunnerStatus, type SubmitOptions } from "./job-runner.js";
export type { QueueWorkerStats } from "./queue-messages.js";
export { createQueueExecutor, type QueueExecutorSetup, type QueueWorkerHandle, type QueueWorkerSetup, startQueueWorker } from "./queue-start.js";
export { JobStore } from "./job-store.js";
export {
  FINISHED_STATUSES,
  isFinished,
  JOB_STATUSES,
  type Job,
  type JobContext,
  type JobError,
  type JobEvent,
  type JobHandler,
  type JobProgress,
  type JobQuery,
  type JobStatus,
  type JobSummary,
  type ProgressUpdate,
} from "./job-types.js";
