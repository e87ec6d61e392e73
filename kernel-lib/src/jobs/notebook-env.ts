/**
 * The environment a notebook's kernel gets: the runner's own, plus the settings that make
 * `openQuant()` in the notebook reach the same platform as the process that runs it (the same
 * data folder, MLflow and Redis, and the sidecar when one owns the DuckDB file).
 */
import type { Settings } from "../config/schema.js";

/** The kernel's environment for a run of `runId`. */
export function kernelEnv(settings: Settings, runId: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...base,
    OPENQUANT_HOME: settings.home,
    OPENQUANT_CONFIG_DIR: settings.config_dir,
    OPENQUANT_DATA_DIR: settings.data_dir,
    OPENQUANT_DUCKDB_PATH: settings.duckdb_path,
    OPENQUANT_LOG_DIR: settings.log_dir,
    OPENQUANT_OUTPUTS_DIR: settings.outputs_dir,
    OPENQUANT_NOTEBOOKS_DIR: settings.notebooks_dir,
    OPENQUANT_VENV: settings.venv_dir,
    OPENQUANT_LOG_LEVEL: settings.log_level,
    OPENQUANT_MLFLOW_URI: settings.mlflow.tracking_uri,
    OPENQUANT_HOST: settings.server.host,
    OPENQUANT_PORT: String(settings.server.port),
    /** Lets a notebook know it runs unattended, and as which run. */
    OPENQUANT_NOTEBOOK_RUN_ID: runId,
  };
  if (settings.redis_url) env.OPENQUANT_REDIS_URL = settings.redis_url;
  if (settings.api_url) env.OPENQUANT_API_URL = settings.api_url;
  if (settings.server.token) env.OPENQUANT_TOKEN = settings.server.token;
  if (settings.mlflow.experiment) env.OPENQUANT_MLFLOW_EXPERIMENT = settings.mlflow.experiment;
  return env;
}
