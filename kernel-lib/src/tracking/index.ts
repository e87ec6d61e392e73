/**
 * Tracking: MLflow as the system of record for runs (DESIGN.md decision 3). MlflowClient speaks
 * MLflow's REST API; Tracker/TrackedRun log a run live or, when MLflow is down, to the outbox,
 * which replayOutbox later sends to MLflow exactly once.
 */
export type { ArtifactSource } from "./artifacts.js";
export { MlflowClient, type MlflowHealth, type RunSearch } from "./client.js";
export { ENDED_BY_TAG, endAbandonedRuns, JOB_ID_TAG } from "./job-runs.js";
export { type MlflowClientOptions, mlflowClientOptionsSchema } from "./client-options.js";
export { flattenParams, type ParamLeaf } from "./flatten.js";
export {
  MAX_ENTITIES_PER_BATCH,
  MAX_KEY_LENGTH,
  MAX_METRICS_PER_BATCH,
  MAX_PARAM_VALUE_LENGTH,
  MAX_PARAMS_PER_BATCH,
  MAX_TAG_VALUE_LENGTH,
  MAX_TAGS_PER_BATCH,
} from "./limits.js";
export { MlflowApiError } from "./mlflow-error.js";
export { ERROR_TAG, OUTBOX_TAG } from "./outbox-format.js";
export { listOutbox, type OutboxState, type OutboxSummary } from "./outbox-read.js";
export type { WaitOptions } from "./registry.js";
export { type ReplayResult, replayOutbox } from "./replay.js";
export type { CreateRunInput, RunsPage, SearchRunsQuery } from "./runs.js";
export type { ArtifactInput, ParamValue, RunOutcome, TrackedRun } from "./tracked-run.js";
export { createTracker, type StartRunOptions, Tracker, type TrackerOptions, trackerFromSettings } from "./tracker.js";
export type {
  ArtifactFile,
  EndStatus,
  Experiment,
  LogBatch,
  MetricPoint,
  ModelVersion,
  RegisteredModel,
  ResolvedModel,
  Run,
  RunData,
  RunInfo,
  RunStatus,
} from "./types.js";
export { parseModelUri, type ModelRef } from "./uris.js";
