/**
 * MLflow's JSON shapes (protobuf JSON, snake_case) and their conversion to the tracking layer's
 * camelCase types. Fields MLflow leaves out when empty are optional here.
 */
import { fromWireValue } from "./metric-value.js";
import type { ArtifactFile, Experiment, MetricPoint, ModelVersion, RegisteredModel, Run, RunStatus } from "./types.js";

/** `Experiment` as MLflow sends it. */
export interface ExperimentJson {
  experiment_id: string;
  name: string;
  artifact_location?: string;
  lifecycle_stage?: string;
}

/** `Run` as MLflow sends it. */
export interface RunJson {
  info: {
    run_id: string;
    experiment_id: string;
    run_name?: string;
    status?: RunStatus;
    start_time?: number | string;
    end_time?: number | string;
    artifact_uri?: string;
    lifecycle_stage?: string;
  };
  data?: {
    metrics?: Array<{ key: string; value: unknown; timestamp?: number | string; step?: number | string }>;
    params?: Array<{ key: string; value?: string }>;
    tags?: Array<{ key: string; value?: string }>;
  };
}

/** `Metric` as MLflow sends it. */
export interface MetricJson {
  key: string;
  value: unknown;
  timestamp?: number | string;
  step?: number | string;
}

/** `ModelVersion` as MLflow sends it. */
export interface ModelVersionJson {
  name: string;
  version: string;
  source?: string;
  run_id?: string;
  status?: string;
  aliases?: string[];
}

/** `RegisteredModel` as MLflow sends it. */
export interface RegisteredModelJson {
  name: string;
  aliases?: Array<{ alias: string; version: string }>;
}

/** `FileInfo` as MLflow sends it. */
export interface FileInfoJson {
  path: string;
  is_dir?: boolean;
  file_size?: number | string;
}

// int64 fields may arrive as strings in protobuf JSON.
const toNumber = (value: number | string | undefined): number => (value === undefined ? 0 : Number(value));

function toRecord(entries: Array<{ key: string; value?: string }> | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  for (const entry of entries ?? []) record[entry.key] = entry.value ?? "";
  return record;
}

/** Converts an MLflow experiment. */
export function toExperiment(json: ExperimentJson): Experiment {
  return {
    experimentId: json.experiment_id,
    name: json.name,
    artifactLocation: json.artifact_location ?? "",
    lifecycleStage: json.lifecycle_stage ?? "active",
  };
}

/** Converts an MLflow run. */
export function toRun(json: RunJson): Run {
  const { info } = json;
  const metrics: Record<string, number> = {};
  for (const metric of json.data?.metrics ?? []) metrics[metric.key] = fromWireValue(metric.value);
  return {
    info: {
      runId: info.run_id,
      experimentId: info.experiment_id,
      runName: info.run_name ?? "",
      status: info.status ?? "RUNNING",
      startTime: toNumber(info.start_time),
      ...(info.end_time !== undefined ? { endTime: toNumber(info.end_time) } : {}),
      artifactUri: info.artifact_uri ?? "",
      lifecycleStage: info.lifecycle_stage ?? "active",
    },
    data: { params: toRecord(json.data?.params), tags: toRecord(json.data?.tags), metrics },
  };
}

/** Converts an MLflow metric point. */
export function toMetricPoint(json: MetricJson): MetricPoint {
  return { key: json.key, value: fromWireValue(json.value), step: toNumber(json.step), timestamp: toNumber(json.timestamp) };
}

/** Converts an MLflow model version. */
export function toModelVersion(json: ModelVersionJson): ModelVersion {
  return {
    name: json.name,
    version: json.version,
    source: json.source ?? "",
    ...(json.run_id ? { runId: json.run_id } : {}),
    status: json.status ?? "READY",
    aliases: json.aliases ?? [],
  };
}

/** Converts an MLflow registered model. */
export function toRegisteredModel(json: RegisteredModelJson): RegisteredModel {
  const aliases: Record<string, string> = {};
  for (const entry of json.aliases ?? []) aliases[entry.alias] = entry.version;
  return { name: json.name, aliases };
}

/** Converts an MLflow artifact listing entry. */
export function toArtifactFile(json: FileInfoJson): ArtifactFile {
  return {
    path: json.path,
    isDir: json.is_dir ?? false,
    ...(json.file_size !== undefined ? { fileSize: toNumber(json.file_size) } : {}),
  };
}
