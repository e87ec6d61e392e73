/** The tracking layer's view of MLflow's entities, in camelCase with numbers for times (epoch ms). */

/** A run's lifecycle status in MLflow. */
export type RunStatus = "RUNNING" | "SCHEDULED" | "FINISHED" | "FAILED" | "KILLED";

/** The statuses a run can end with. */
export type EndStatus = "FINISHED" | "FAILED" | "KILLED";

/** One logged value of a metric. */
export interface MetricPoint {
  /** Metric name, e.g. `rmse`. */
  key: string;
  /** The value; NaN and ±Infinity are allowed. */
  value: number;
  /** Step, e.g. the fold or boosting round; 0 when not given. */
  step: number;
  /** When it was logged, epoch ms. */
  timestamp: number;
}

/** A batch of things to log to one run. */
export interface LogBatch {
  /** Metric points. */
  metrics?: MetricPoint[];
  /** Params by key; values are strings of at most 6000 characters. */
  params?: Record<string, string>;
  /** Tags by key; values are strings of at most 8000 characters. */
  tags?: Record<string, string>;
}

/** An MLflow experiment. */
export interface Experiment {
  /** MLflow's id (a decimal string). */
  experimentId: string;
  /** Unique name. */
  name: string;
  /** Where its runs' artifacts live, e.g. `mlflow-artifacts:/1`. */
  artifactLocation: string;
  /** `active` or `deleted`. */
  lifecycleStage: string;
}

/** What MLflow knows about a run apart from its data. */
export interface RunInfo {
  /** MLflow's run id (32 hex characters). */
  runId: string;
  /** The experiment it belongs to. */
  experimentId: string;
  /** Display name. */
  runName: string;
  /** Current status. */
  status: RunStatus;
  /** Start, epoch ms. */
  startTime: number;
  /** End, epoch ms, once ended. */
  endTime?: number;
  /** Root of its artifacts, e.g. `mlflow-artifacts:/1/<run_id>/artifacts`. */
  artifactUri: string;
  /** `active` or `deleted`. */
  lifecycleStage: string;
}

/** A run's logged data: params, tags and the latest value of each metric. */
export interface RunData {
  /** Params by key. */
  params: Record<string, string>;
  /** Tags by key (including MLflow's own `mlflow.*` tags). */
  tags: Record<string, string>;
  /** Latest value of each metric by key. */
  metrics: Record<string, number>;
}

/** A run as MLflow returns it. */
export interface Run {
  /** Identity, status and times. */
  info: RunInfo;
  /** Params, tags, latest metrics. */
  data: RunData;
}

/** One entry of an artifact listing. */
export interface ArtifactFile {
  /** Path relative to the run's artifact root, e.g. `model/MLmodel`. */
  path: string;
  /** True for a folder. */
  isDir: boolean;
  /** Size in bytes, for files. */
  fileSize?: number;
}

/** A registered model version. */
export interface ModelVersion {
  /** Registered model name. */
  name: string;
  /** Version number as MLflow writes it (a decimal string). */
  version: string;
  /** Where the version's files are, e.g. `mlflow-artifacts:/1/<run_id>/artifacts/model`. */
  source: string;
  /** The run that produced it, when known. */
  runId?: string;
  /** `PENDING_REGISTRATION`, `READY` or `FAILED_REGISTRATION`. */
  status: string;
  /** Aliases pointing at this version. */
  aliases: string[];
}

/** A registered model. */
export interface RegisteredModel {
  /** Unique name. */
  name: string;
  /** Aliases and the versions they point at. */
  aliases: Record<string, string>;
}

/** What `models:/<name>@<alias>` (or `models:/<name>/<version>`) resolves to. */
export interface ResolvedModel {
  /** Registered model name. */
  name: string;
  /** The version the reference points at. */
  version: string;
  /** The run holding the model's files. */
  runId: string;
  /** The model's folder relative to the run's artifact root, e.g. `model`. */
  artifactPath: string;
  /** The version's source URI as stored in MLflow. */
  source: string;
}
