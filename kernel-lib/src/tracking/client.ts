/**
 * MlflowClient: kernel-lib's door to an MLflow tracking server over its REST API. Each method is a
 * thin call into one of the small modules beside it (runs, artifacts, registry…), sharing one HTTP layer.
 */
import { NotFound } from "../errors.js";
import { type ArtifactSource, downloadArtifact, downloadArtifactToFile, listArtifacts, uploadArtifact } from "./artifacts.js";
import { type MlflowClientOptions, type ResolvedClientOptions, resolveClientOptions } from "./client-options.js";
import { findExperimentByName, getExperiment, getOrCreateExperiment } from "./experiments.js";
import { MlflowHttp } from "./http.js";
import {
  createModelVersion,
  deleteAlias,
  ensureRegisteredModel,
  getModelVersion,
  getModelVersionByAlias,
  getRegisteredModel,
  searchRegisteredModels,
  resolveModelUri,
  setAlias,
  type WaitOptions,
} from "./registry.js";
import {
  type CreateRunInput,
  createRun,
  deleteRun,
  getMetricHistory,
  getRun,
  logBatch,
  type RunsPage,
  type SearchRunsQuery,
  searchAllRuns,
  searchRuns,
  updateRun,
} from "./runs.js";
import type {
  ArtifactFile,
  EndStatus,
  Experiment,
  LogBatch,
  MetricPoint,
  ModelVersion,
  RegisteredModel,
  ResolvedModel,
  Run,
  RunStatus,
} from "./types.js";

/** What `health()` measured. */
export interface MlflowHealth {
  /** True when /health answered OK and the REST API is usable from here. */
  ok: boolean;
  /** Wall time of the checks, ms. */
  latencyMs: number;
  /** The server's version (GET /version), when it answered. */
  version: string | null;
  /** Why it is not ok. */
  error?: string;
}

/** A run search by experiment ids or names. */
export type RunSearch = Omit<SearchRunsQuery, "experimentIds"> & { experimentIds?: string[]; experimentNames?: string[] };

/** A client of one MLflow tracking server. */
export class MlflowClient {
  /** The validated options, defaults filled in. */
  readonly options: ResolvedClientOptions;
  private readonly http: MlflowHttp;
  private readonly artifactRoots = new Map<string, string>();

  constructor(options: MlflowClientOptions) {
    this.options = resolveClientOptions(options);
    this.http = new MlflowHttp(this.options);
  }

  /** The server's base URL. */
  get trackingUri(): string {
    return this.options.trackingUri;
  }

  /**
   * Checks GET /health and GET /version, then one real API call: MLflow exempts /health and /version from
   * its Host-header check, so only an API call proves this client can actually log. Never throws.
   */
  async health(): Promise<MlflowHealth> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const once = { retries: 0, timeoutMs: Math.min(this.options.timeoutMs, 5_000) };
    let version: string | null = null;
    try {
      await this.http.request({ method: "GET", path: "/health", ...once });
      version = (await (await this.http.request({ method: "GET", path: "/version", ...once })).text()).trim();
      await this.http.json({ method: "GET", path: "/api/2.0/mlflow/experiments/search", query: { max_results: 1 }, ...once });
      return { ok: true, latencyMs: elapsed(), version };
    } catch (error) {
      return { ok: false, latencyMs: elapsed(), version, error: error instanceof Error ? error.message : String(error) };
    }
  }

  /** The experiment called `name`, or undefined. */
  findExperiment(name: string): Promise<Experiment | undefined> {
    return findExperimentByName(this.http, name);
  }

  /** The experiment with id `experimentId`; NotFound when there is none. */
  getExperiment(experimentId: string): Promise<Experiment> {
    return getExperiment(this.http, experimentId);
  }

  /** The experiment called `name`, created on first use. */
  getOrCreateExperiment(name: string): Promise<Experiment> {
    return getOrCreateExperiment(this.http, name);
  }

  /** Creates a run (status RUNNING). */
  async createRun(input: CreateRunInput): Promise<Run> {
    const run = await createRun(this.http, input);
    this.artifactRoots.set(run.info.runId, run.info.artifactUri);
    return run;
  }

  /** The run with id `runId`; NotFound when there is none. */
  async getRun(runId: string): Promise<Run> {
    const run = await getRun(this.http, runId);
    this.artifactRoots.set(runId, run.info.artifactUri);
    return run;
  }

  /** Sets a run's status; ending statuses also set the end time (default now). */
  updateRun(runId: string, status: RunStatus | EndStatus, endTime?: number): Promise<void> {
    return updateRun(this.http, runId, { status, ...(endTime !== undefined ? { endTime } : {}) });
  }

  /** Deletes a run. */
  deleteRun(runId: string): Promise<void> {
    return deleteRun(this.http, runId);
  }

  /** Logs params, tags and metrics in as many requests as MLflow's limits need; resolves with the request count. */
  logBatch(runId: string, batch: LogBatch): Promise<number> {
    return logBatch(this.http, runId, batch);
  }

  /** Every logged value of metric `key`, with steps and timestamps, fetched `pageSize` points per request. */
  getMetricHistory(runId: string, key: string, options: { pageSize?: number } = {}): Promise<MetricPoint[]> {
    return getMetricHistory(this.http, runId, key, options.pageSize);
  }

  /** One page of runs matching the search. */
  async searchRuns(search: RunSearch): Promise<RunsPage> {
    return searchRuns(this.http, await this.toQuery(search));
  }

  /** All runs matching the search, following page tokens (up to `limit`). */
  async searchAllRuns(search: RunSearch, limit?: number): Promise<Run[]> {
    return searchAllRuns(this.http, await this.toQuery(search), limit);
  }

  /** Uploads bytes, text or a file to `path` under the run's artifact root. */
  async logArtifact(runId: string, path: string, source: ArtifactSource): Promise<void> {
    await uploadArtifact(this.http, await this.artifactRoot(runId), path, source, this.options.artifactTimeoutMs);
  }

  /** Lists artifacts under `path` (default the root); `recursive` walks into folders. */
  listArtifacts(runId: string, path?: string, options: { recursive?: boolean } = {}): Promise<ArtifactFile[]> {
    return listArtifacts(this.http, runId, path, options.recursive ?? false);
  }

  /** Downloads one artifact file into memory. */
  async downloadArtifact(runId: string, path: string): Promise<Buffer> {
    return downloadArtifact(this.http, await this.artifactRoot(runId), path, this.options.artifactTimeoutMs);
  }

  /** Downloads one artifact file to `destination` on disk. */
  async downloadArtifactToFile(runId: string, path: string, destination: string): Promise<void> {
    await downloadArtifactToFile(this.http, await this.artifactRoot(runId), path, destination, this.options.artifactTimeoutMs);
  }

  /** The registered model called `name`; NotFound when there is none. */
  /** Every registered model with its aliases. */
  searchRegisteredModels(limit?: number): Promise<RegisteredModel[]> {
    return searchRegisteredModels(this.http, limit);
  }

  /** A registered model with its latest versions and aliases. */
  getRegisteredModel(name: string): Promise<RegisteredModel> {
    return getRegisteredModel(this.http, name);
  }

  /** The registered model called `name`, created when missing. */
  ensureRegisteredModel(name: string): Promise<RegisteredModel> {
    return ensureRegisteredModel(this.http, name);
  }

  /** Registers `artifactPath` of run `runId` as a new version of `name` and waits until it is READY. */
  createModelVersion(name: string, runId: string, artifactPath: string, wait?: WaitOptions): Promise<ModelVersion> {
    return createModelVersion(this.http, name, runId, artifactPath, wait);
  }

  /** Version `version` of model `name`. */
  getModelVersion(name: string, version: string): Promise<ModelVersion> {
    return getModelVersion(this.http, name, version);
  }

  /** Points alias `alias` of model `name` at `version`. */
  setAlias(name: string, alias: string, version: string): Promise<void> {
    return setAlias(this.http, name, alias, version);
  }

  /** Removes alias `alias` of model `name`. */
  deleteAlias(name: string, alias: string): Promise<void> {
    return deleteAlias(this.http, name, alias);
  }

  /** The version alias `alias` of model `name` points at; NotFound when either is missing. */
  getModelVersionByAlias(name: string, alias: string): Promise<ModelVersion> {
    return getModelVersionByAlias(this.http, name, alias);
  }

  /** Resolves `models:/<name>@<alias>` or `models:/<name>/<version>` to a run id and artifact path. */
  resolveModelUri(uri: string): Promise<ResolvedModel> {
    return resolveModelUri(this.http, uri);
  }

  private async artifactRoot(runId: string): Promise<string> {
    return this.artifactRoots.get(runId) ?? (await this.getRun(runId)).info.artifactUri;
  }

  private async toQuery(search: RunSearch): Promise<SearchRunsQuery> {
    const { experimentIds = [], experimentNames = [], ...rest } = search;
    const ids = [...experimentIds];
    for (const name of experimentNames) {
      const experiment = await this.findExperiment(name);
      if (!experiment) throw new NotFound(`MLflow has no experiment called '${name}'.`, [{ path: "experimentNames", message: name }]);
      ids.push(experiment.experimentId);
    }
    return { ...rest, experimentIds: ids };
  }
}
