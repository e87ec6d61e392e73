/** Runs: create, read, update status, delete, batched logging, metric history and search. */
import { toWireBatch } from "./batch-input.js";
import { splitBatch } from "./batching.js";
import type { MlflowHttp } from "./http.js";
import type { EndStatus, LogBatch, MetricPoint, Run, RunStatus } from "./types.js";
import { type MetricJson, type RunJson, toMetricPoint, toRun } from "./wire-types.js";

const API = "/api/2.0/mlflow/runs";

/** What a new run starts with. */
export interface CreateRunInput {
  /** The experiment to create it in. */
  experimentId: string;
  /** Display name; MLflow picks one when left out. */
  runName?: string;
  /** Start time, epoch ms; default now. */
  startTime?: number;
  /** Tags set at creation. */
  tags?: Record<string, string>;
}

/** Creates a run. Not retried after an ambiguous failure: a retry could create it twice. */
export async function createRun(http: MlflowHttp, input: CreateRunInput): Promise<Run> {
  const tags = Object.entries(input.tags ?? {}).map(([key, value]) => ({ key, value }));
  const answer = await http.json<{ run: RunJson }>({
    method: "POST",
    path: `${API}/create`,
    idempotent: false,
    body: {
      json: {
        experiment_id: input.experimentId,
        ...(input.runName !== undefined ? { run_name: input.runName } : {}),
        start_time: input.startTime ?? Date.now(),
        tags,
      },
    },
  });
  return toRun(answer.run);
}

/** The run with id `runId`; NotFound when MLflow has none. */
export async function getRun(http: MlflowHttp, runId: string): Promise<Run> {
  const answer = await http.json<{ run: RunJson }>({ method: "GET", path: `${API}/get`, query: { run_id: runId } });
  return toRun(answer.run);
}

/** Sets a run's status (and end time when it ends). */
export async function updateRun(
  http: MlflowHttp,
  runId: string,
  update: { status: RunStatus | EndStatus; endTime?: number; runName?: string },
): Promise<void> {
  const ends = update.status === "FINISHED" || update.status === "FAILED" || update.status === "KILLED";
  await http.json({
    method: "POST",
    path: `${API}/update`,
    body: {
      json: {
        run_id: runId,
        status: update.status,
        ...(update.endTime !== undefined || ends ? { end_time: update.endTime ?? Date.now() } : {}),
        ...(update.runName !== undefined ? { run_name: update.runName } : {}),
      },
    },
  });
}

/** Marks a run deleted (MLflow keeps it restorable until garbage collection). */
export async function deleteRun(http: MlflowHttp, runId: string): Promise<void> {
  await http.json({ method: "POST", path: `${API}/delete`, body: { json: { run_id: runId } } });
}

/**
 * Logs params, tags and metrics, split into as many `runs/log-batch` requests as MLflow's limits need.
 * Resolves with the number of requests sent. Safe to repeat: params and tags are idempotent and MLflow
 * drops a metric point identical in key, value, step and timestamp.
 */
export async function logBatch(http: MlflowHttp, runId: string, batch: LogBatch): Promise<number> {
  const requests = splitBatch(toWireBatch(batch));
  for (const request of requests) {
    await http.json({ method: "POST", path: `${API}/log-batch`, body: { json: { run_id: runId, ...request } } });
  }
  return requests.length;
}

/** Every logged value of metric `key` in run `runId`, in MLflow's order (by step, then time), paging as needed. */
export async function getMetricHistory(http: MlflowHttp, runId: string, key: string, pageSize = 10_000): Promise<MetricPoint[]> {
  const points: MetricPoint[] = [];
  let pageToken: string | undefined;
  do {
    const answer = await http.json<{ metrics?: MetricJson[]; next_page_token?: string }>({
      method: "GET",
      path: "/api/2.0/mlflow/metrics/get-history",
      query: { run_id: runId, metric_key: key, max_results: pageSize, page_token: pageToken },
    });
    points.push(...(answer.metrics ?? []).map(toMetricPoint));
    pageToken = answer.next_page_token || undefined;
  } while (pageToken);
  return points;
}

/** A run search. */
export interface SearchRunsQuery {
  /** Experiments to search in. */
  experimentIds: string[];
  /** MLflow filter, e.g. `metrics.rmse < 0.1 and params.model.type = 'xgboost'` (backquote keys with dots: tags.`a.b`). */
  filter?: string;
  /** e.g. `["metrics.rmse ASC", "attributes.start_time DESC"]`. */
  orderBy?: string[];
  /** Page size, 1..50000; default 1000. */
  maxResults?: number;
  /** The token a previous page returned. */
  pageToken?: string;
  /** Which lifecycle stages to include; default ACTIVE_ONLY. */
  viewType?: "ACTIVE_ONLY" | "DELETED_ONLY" | "ALL";
}

/** One page of search results. */
export interface RunsPage {
  runs: Run[];
  /** Present when more runs match. */
  nextPageToken?: string;
}

/** One page of runs matching `query`. */
export async function searchRuns(http: MlflowHttp, query: SearchRunsQuery): Promise<RunsPage> {
  const answer = await http.json<{ runs?: RunJson[]; next_page_token?: string }>({
    method: "POST",
    path: `${API}/search`,
    body: {
      json: {
        experiment_ids: query.experimentIds,
        ...(query.filter ? { filter: query.filter } : {}),
        ...(query.orderBy ? { order_by: query.orderBy } : {}),
        max_results: query.maxResults ?? 1000,
        ...(query.pageToken ? { page_token: query.pageToken } : {}),
        run_view_type: query.viewType ?? "ACTIVE_ONLY",
      },
    },
  });
  return {
    runs: (answer.runs ?? []).map(toRun),
    ...(answer.next_page_token ? { nextPageToken: answer.next_page_token } : {}),
  };
}

/** Every run matching `query`, following next_page_token to the end (or until `limit` runs). */
export async function searchAllRuns(http: MlflowHttp, query: SearchRunsQuery, limit = Number.POSITIVE_INFINITY): Promise<Run[]> {
  const runs: Run[] = [];
  let pageToken = query.pageToken;
  do {
    const page = await searchRuns(http, { ...query, ...(pageToken ? { pageToken } : {}) });
    runs.push(...page.runs);
    pageToken = page.nextPageToken;
  } while (pageToken && runs.length < limit);
  return runs.slice(0, limit);
}
