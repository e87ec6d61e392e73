/** Typed calls of the sidecar's /models routes; the Model Playground's only way to reach them. */
import { requestAPI } from "../api.js";
import { GET } from "./get.js";
import {
  type ModelType,
  ModelTypesSchema,
  type Prediction,
  PredictionSchema,
  type RegisteredModel,
  RegisteredModelsSchema,
  type RegisteredVersion,
  RegisteredVersionSchema,
  type Run,
  RunsSchema,
  type TrainAccepted,
  TrainAcceptedSchema,
} from "../schemas/models.js";
import type { TrainSpec } from "../models/ModelTrainSpec.js";

/** GET /models/types: every model type with its hyperparameter schema and defaults. */
export function fetchModelTypes(): Promise<ModelType[]> {
  return requestAPI("models/types", GET, { schema: ModelTypesSchema });
}

/** POST /models/train (or /models/cross-validate): starts the job and answers where to follow it. */
export function startTraining(spec: TrainSpec, mode: "train" | "cross-validate" = "train"): Promise<TrainAccepted> {
  return requestAPI(`models/${mode}`, { method: "POST", body: JSON.stringify(spec) }, { schema: TrainAcceptedSchema });
}

/** Which runs GET /models/runs returns. */
export interface RunsQuery {
  /** MLflow experiment; the sidecar's default experiment when left out. */
  experiment?: string;
  /** At most this many runs, newest first (1–1000). */
  limit?: number;
}

/** GET /models/runs: an experiment's runs with params and metrics, newest first. */
export function fetchRuns(query: RunsQuery = {}): Promise<Run[]> {
  const search = new URLSearchParams();
  if (query.experiment) search.set("experiment", query.experiment);
  if (query.limit !== undefined) search.set("limit", String(query.limit));
  const qs = search.toString();
  return requestAPI(`models/runs${qs ? `?${qs}` : ""}`, GET, { schema: RunsSchema });
}

/** What POST /models/register takes: the run, the model name and an optional alias. */
export interface RegisterRequest {
  runId: string;
  name: string;
  alias?: string;
}

/** POST /models/register: registers the run's model as a new version and sets the alias on it. */
export function registerModel(request: RegisterRequest): Promise<RegisteredVersion> {
  return requestAPI("models/register", { method: "POST", body: JSON.stringify(request) }, { schema: RegisteredVersionSchema });
}

/** GET /models/registered: registered models with their aliases. */
export function fetchRegisteredModels(): Promise<RegisteredModel[]> {
  return requestAPI("models/registered", GET, { schema: RegisteredModelsSchema });
}

/** What POST /models/predict takes: a model reference, a ticker and an optional date range. */
export interface PredictRequest {
  /** A run id, runs:/<id>/model or models:/<name>@<alias>. */
  model: string;
  ticker: string;
  start?: string;
  end?: string;
}

/** POST /models/predict: the model's predictions for the ticker over the range. */
export function predict(request: PredictRequest): Promise<Prediction> {
  return requestAPI("models/predict", { method: "POST", body: JSON.stringify(request) }, { schema: PredictionSchema });
}
