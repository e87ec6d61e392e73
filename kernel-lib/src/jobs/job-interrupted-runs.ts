/**
 * After a restart, the training jobs the previous process left running are recorded as interrupted;
 * the MLflow runs they were logging are ended KILLED too, so MLflow agrees that nothing runs them.
 */
import type { Logger } from "../util/logger.js";
import type { Settings } from "../config/schema.js";
import { endAbandonedRuns } from "../tracking/job-runs.js";
import type { Tracker } from "../tracking/tracker.js";
import type { Job } from "./job-types.js";

const TRAINING_KINDS = new Set(["train", "cross-validate"]);

/** Ends the runs of the interrupted training jobs among `jobs`; MLflow being down leaves them as they are, with a warning. */
export async function endInterruptedTrainingRuns(jobs: Job[], tracker: Tracker, settings: Settings, logger: Logger): Promise<string[]> {
  const ended: string[] = [];
  for (const job of jobs) {
    if (!TRAINING_KINDS.has(job.kind)) continue;
    const experiment = (job.params as { experiment?: string } | null)?.experiment ?? settings.mlflow.experiment ?? settings.models.experiment;
    try {
      const runs = await endAbandonedRuns(tracker.client, experiment, job.id, "the job was interrupted: the process running it stopped");
      if (runs.length) logger.warn({ jobId: job.id, runs }, `ended ${runs.length} MLflow run(s) of interrupted job ${job.id}`);
      ended.push(...runs);
    } catch (error) {
      logger.warn({ jobId: job.id, err: (error as Error).message }, `could not end the MLflow runs of interrupted job ${job.id}`);
    }
  }
  return ended;
}
