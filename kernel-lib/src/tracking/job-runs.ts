/**
 * The MLflow runs of a job. A job's training run is tagged with the job id, so that when the process
 * running it dies (a worker killed with -9, a sidecar that crashed) and the job is tried again or
 * recorded as interrupted, the run it left RUNNING can be ended KILLED: the runs table must not show
 * a training that nothing is doing any more as still running.
 */
import type { MlflowClient } from "./client.js";

/** The tag holding the id of the job a run was logged by. */
export const JOB_ID_TAG = "openquant.job_id";
/** Why a run was ended by someone other than the process that started it. */
export const ENDED_BY_TAG = "openquant.ended_by";

const SAFE_ID = /^[\w.-]{1,128}$/;

/**
 * Ends KILLED every run in `experiment` tagged with `jobId` that is still RUNNING, noting `reason` in
 * the `openquant.ended_by` tag; returns their ids. An experiment that does not exist has none.
 */
export async function endAbandonedRuns(client: MlflowClient, experiment: string, jobId: string, reason: string): Promise<string[]> {
  if (!SAFE_ID.test(jobId)) return [];
  const found = await client.findExperiment(experiment);
  if (!found) return [];
  const runs = await client.searchAllRuns({
    experimentIds: [found.experimentId],
    filter: `tags.\`${JOB_ID_TAG}\` = '${jobId}' and attributes.status = 'RUNNING'`,
  });
  for (const run of runs) {
    await client.logBatch(run.info.runId, { tags: { [ENDED_BY_TAG]: reason } });
    await client.updateRun(run.info.runId, "KILLED", Date.now());
  }
  return runs.map((r) => r.info.runId);
}
