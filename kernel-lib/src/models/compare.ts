import type { MlflowClient } from "../tracking/client.js";

/** One run as a row of a comparison table. */
export interface RunComparison {
  runId: string;
  runName: string;
  status: string;
  startTime: string;
  modelType: string;
  params: Record<string, string>;
  metrics: Record<string, number>;
}

/** The experiment's runs, newest first, with params and metrics side by side. */
export async function compareRuns(client: MlflowClient, experiment: string, limit: number): Promise<RunComparison[]> {
  const runs = await client.searchAllRuns({ experimentNames: [experiment], orderBy: ["attributes.start_time DESC"] }, limit);
  return runs.map((r) => ({
    runId: r.info.runId,
    runName: r.info.runName,
    status: r.info.status,
    startTime: new Date(r.info.startTime).toISOString(),
    modelType: r.data.tags["openquant.model_type"] ?? r.data.params["model.type"] ?? "",
    params: r.data.params,
    metrics: r.data.metrics,
  }));
}
