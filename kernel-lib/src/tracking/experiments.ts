/** Experiments by name: looked up, created on first use, with the create race between two writers handled. */
import { Conflict, NotFound } from "../errors.js";
import type { MlflowHttp } from "./http.js";
import type { Experiment } from "./types.js";
import { type ExperimentJson, toExperiment } from "./wire-types.js";

const API = "/api/2.0/mlflow/experiments";

/** The experiment called `name`, or undefined when there is none. */
export async function findExperimentByName(http: MlflowHttp, name: string): Promise<Experiment | undefined> {
  try {
    const answer = await http.json<{ experiment: ExperimentJson }>({
      method: "GET",
      path: `${API}/get-by-name`,
      query: { experiment_name: name },
    });
    return toExperiment(answer.experiment);
  } catch (error) {
    if (error instanceof NotFound) return undefined;
    throw error;
  }
}

/** The experiment with id `experimentId`; NotFound when there is none. */
export async function getExperiment(http: MlflowHttp, experimentId: string): Promise<Experiment> {
  const answer = await http.json<{ experiment: ExperimentJson }>({
    method: "GET",
    path: `${API}/get`,
    query: { experiment_id: experimentId },
  });
  return toExperiment(answer.experiment);
}

function refuseDeleted(experiment: Experiment): Experiment {
  if (experiment.lifecycleStage !== "deleted") return experiment;
  throw new Conflict(
    `MLflow experiment '${experiment.name}' (id ${experiment.experimentId}) is deleted, so no run can be logged to it. ` +
      `Restore it (\`mlflow experiments restore --experiment-id ${experiment.experimentId}\`) or use another experiment name.`,
  );
}

/** The experiment called `name`, created when missing; another process creating it at the same moment is fine. */
export async function getOrCreateExperiment(http: MlflowHttp, name: string): Promise<Experiment> {
  const existing = await findExperimentByName(http, name);
  if (existing) return refuseDeleted(existing);
  try {
    const created = await http.json<{ experiment_id: string }>({ method: "POST", path: `${API}/create`, body: { json: { name } } });
    return { experimentId: created.experiment_id, name, artifactLocation: "", lifecycleStage: "active" };
  } catch (error) {
    // Someone else created it between our lookup and our create: use theirs.
    if (!(error instanceof Conflict)) throw error;
    const raced = await findExperimentByName(http, name);
    if (!raced) throw error;
    return refuseDeleted(raced);
  }
}
