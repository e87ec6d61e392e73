/** The model registry: registered models, versions created from a run's artifacts, aliases, and `models:/` resolution. */
import { setTimeout as sleep } from "node:timers/promises";
import { Conflict, InvalidInput, NotFound, Unavailable } from "../errors.js";
import type { MlflowHttp } from "./http.js";
import { MlflowApiError } from "./mlflow-error.js";
import { getRun } from "./runs.js";
import type { ModelVersion, RegisteredModel, ResolvedModel } from "./types.js";
import { artifactPathInRun, checkArtifactPath, parseModelUri } from "./uris.js";
import { type ModelVersionJson, type RegisteredModelJson, toModelVersion, toRegisteredModel } from "./wire-types.js";

const MODELS = "/api/2.0/mlflow/registered-models";
const VERSIONS = "/api/2.0/mlflow/model-versions";

/** The registered model called `name`; NotFound when there is none. */
export async function getRegisteredModel(http: MlflowHttp, name: string): Promise<RegisteredModel> {
  const answer = await http.json<{ registered_model: RegisteredModelJson }>({ method: "GET", path: `${MODELS}/get`, query: { name } });
  return toRegisteredModel(answer.registered_model);
}

/** Every registered model (name and aliases), following MLflow's paging. */
export async function searchRegisteredModels(http: MlflowHttp, limit = 1000): Promise<RegisteredModel[]> {
  const out: RegisteredModel[] = [];
  let pageToken: string | undefined;
  do {
    const answer = await http.json<{ registered_models?: RegisteredModelJson[]; next_page_token?: string }>({
      method: "GET",
      path: `${MODELS}/search`,
      query: { max_results: Math.min(1000, limit), ...(pageToken ? { page_token: pageToken } : {}) },
    });
    out.push(...(answer.registered_models ?? []).map(toRegisteredModel));
    pageToken = answer.next_page_token;
  } while (pageToken && out.length < limit);
  return out.slice(0, limit);
}

/** The registered model called `name`, created when missing (a concurrent creator is fine). */
export async function ensureRegisteredModel(http: MlflowHttp, name: string): Promise<RegisteredModel> {
  try {
    return await getRegisteredModel(http, name);
  } catch (error) {
    if (!(error instanceof NotFound)) throw error;
  }
  try {
    const answer = await http.json<{ registered_model: RegisteredModelJson }>({
      method: "POST",
      path: `${MODELS}/create`,
      body: { json: { name } },
    });
    return toRegisteredModel(answer.registered_model);
  } catch (error) {
    if (error instanceof Conflict) return getRegisteredModel(http, name);
    throw error;
  }
}

/** Version `version` of registered model `name`. */
export async function getModelVersion(http: MlflowHttp, name: string, version: string): Promise<ModelVersion> {
  const answer = await http.json<{ model_version: ModelVersionJson }>({ method: "GET", path: `${VERSIONS}/get`, query: { name, version } });
  return toModelVersion(answer.model_version);
}

/** How long to wait for a new version to become READY. */
export interface WaitOptions {
  /** Give up after this long, ms; default 60 000. */
  timeoutMs?: number;
  /** Poll interval, ms; default 250. */
  pollMs?: number;
}

/** Polls version `version` of `name` until it is READY; Conflict when registration failed, Unavailable on timeout. */
export async function waitUntilReady(http: MlflowHttp, name: string, version: string, options: WaitOptions = {}): Promise<ModelVersion> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    const current = await getModelVersion(http, name, version);
    if (current.status === "READY") return current;
    if (current.status === "FAILED_REGISTRATION") {
      throw new Conflict(`MLflow could not register version ${version} of model '${name}' (FAILED_REGISTRATION); register it again.`);
    }
    if (Date.now() >= deadline) {
      throw new Unavailable(`Version ${version} of model '${name}' is still ${current.status} after ${options.timeoutMs ?? 60_000} ms.`);
    }
    await sleep(options.pollMs ?? 250);
  }
}

/**
 * Registers the model at `artifactPath` of run `runId` as a new version of `name` (creating the registered
 * model when missing) and waits until MLflow reports it READY.
 */
export async function createModelVersion(
  http: MlflowHttp,
  name: string,
  runId: string,
  artifactPath: string,
  wait: WaitOptions = {},
): Promise<ModelVersion> {
  const run = await getRun(http, runId);
  await ensureRegisteredModel(http, name);
  // The resolved location, as MLflow's own Python client stores it, so Python and TypeScript load the same files.
  const source = `${run.info.artifactUri.replace(/\/+$/, "")}/${checkArtifactPath(artifactPath)}`;
  const answer = await http.json<{ model_version: ModelVersionJson }>({
    method: "POST",
    path: `${VERSIONS}/create`,
    idempotent: false,
    body: { json: { name, source, run_id: runId } },
  });
  return waitUntilReady(http, name, toModelVersion(answer.model_version).version, wait);
}

/** Points alias `alias` of model `name` at `version` (moving it if it pointed elsewhere). */
export async function setAlias(http: MlflowHttp, name: string, alias: string, version: string): Promise<void> {
  await http.json({ method: "POST", path: `${MODELS}/alias`, body: { json: { name, alias, version } } });
}

/** Removes alias `alias` from model `name`. */
export async function deleteAlias(http: MlflowHttp, name: string, alias: string): Promise<void> {
  // MLflow reads query parameters only for GET; a DELETE carries them as a JSON body.
  await http.json({ method: "DELETE", path: `${MODELS}/alias`, body: { json: { name, alias } } });
}

/** The version alias `alias` of model `name` points at; NotFound when the model or the alias does not exist. */
export async function getModelVersionByAlias(http: MlflowHttp, name: string, alias: string): Promise<ModelVersion> {
  try {
    const answer = await http.json<{ model_version: ModelVersionJson }>({ method: "GET", path: `${MODELS}/alias`, query: { name, alias } });
    return toModelVersion(answer.model_version);
  } catch (error) {
    // MLflow 3.17 answers INVALID_PARAMETER_VALUE ("Registered model alias x not found.") for an unknown alias.
    const cause = error instanceof InvalidInput ? error.cause : undefined;
    if (cause instanceof MlflowApiError && /alias .* not found/i.test(cause.message)) {
      throw new NotFound(`Model '${name}' has no alias '${alias}'. Set it with setAlias(name, '${alias}', version).`, [], { cause });
    }
    throw error;
  }
}

/** Resolves `models:/<name>@<alias>` or `models:/<name>/<version>` to the run and artifact path holding the model. */
export async function resolveModelUri(http: MlflowHttp, uri: string): Promise<ResolvedModel> {
  const ref = parseModelUri(uri);
  const version = "alias" in ref ? await getModelVersionByAlias(http, ref.name, ref.alias) : await getModelVersion(http, ref.name, ref.version);
  if (!version.runId) {
    throw new NotFound(`Version ${version.version} of model '${ref.name}' was not created from a run, so it has no run to load from.`);
  }
  const run = await getRun(http, version.runId);
  const artifactPath = artifactPathInRun(version.source, version.runId, run.info.artifactUri);
  if (artifactPath === undefined) {
    throw new NotFound(
      `Version ${version.version} of model '${ref.name}' points at '${version.source}', outside run ${version.runId}'s artifacts.`,
    );
  }
  return { name: ref.name, version: version.version, runId: version.runId, artifactPath, source: version.source };
}
