/**
 * Environment variables that override settings. One table, so the README and error messages
 * can name every variable and the key it sets.
 */

/** How a variable's text becomes a value. */
type Kind = "string" | "int" | "list";

interface EnvOverride {
  /** Variable names, first found wins (e.g. the OpenQuant name, then the ecosystem's own). */
  names: string[];
  /** Path of the key in the runtime settings. */
  path: string[];
  kind: Kind;
}

/** Every environment variable that overrides a setting, with the setting it sets. */
export const envOverrides: EnvOverride[] = [
  { names: ["OPENQUANT_DATA_DIR"], path: ["data_dir"], kind: "string" },
  { names: ["OPENQUANT_DUCKDB_PATH"], path: ["duckdb_path"], kind: "string" },
  { names: ["OPENQUANT_LOG_DIR"], path: ["log_dir"], kind: "string" },
  { names: ["OPENQUANT_OUTPUTS_DIR"], path: ["outputs_dir"], kind: "string" },
  { names: ["OPENQUANT_NOTEBOOKS_DIR"], path: ["notebooks_dir"], kind: "string" },
  { names: ["OPENQUANT_VENV"], path: ["venv_dir"], kind: "string" },
  { names: ["OPENQUANT_LOG_LEVEL"], path: ["log_level"], kind: "string" },
  { names: ["OPENQUANT_API_URL"], path: ["api_url"], kind: "string" },
  { names: ["OPENQUANT_REDIS_URL", "REDIS_URL"], path: ["redis_url"], kind: "string" },
  { names: ["OPENQUANT_QUEUE"], path: ["queue"], kind: "string" },
  { names: ["OPENQUANT_MLFLOW_URI", "MLFLOW_TRACKING_URI"], path: ["mlflow", "tracking_uri"], kind: "string" },
  { names: ["OPENQUANT_MLFLOW_PORT"], path: ["mlflow", "port"], kind: "int" },
  { names: ["OPENQUANT_MLFLOW_EXPERIMENT"], path: ["mlflow", "experiment"], kind: "string" },
  { names: ["OPENQUANT_HOST"], path: ["server", "host"], kind: "string" },
  { names: ["OPENQUANT_PORT"], path: ["server", "port"], kind: "int" },
  { names: ["OPENQUANT_TOKEN"], path: ["server", "token"], kind: "string" },
  { names: ["OPENQUANT_AUTH"], path: ["server", "auth"], kind: "string" },
  { names: ["OPENQUANT_ALLOWED_HOSTS"], path: ["server", "allowed_hosts"], kind: "list" },
  { names: ["OPENQUANT_CORS_ORIGINS"], path: ["server", "cors_origins"], kind: "list" },
  { names: ["OPENQUANT_JUPYTER_PORT"], path: ["jupyter", "port"], kind: "int" },
  { names: ["OPENQUANT_JOB_CONCURRENCY"], path: ["jobs", "concurrency"], kind: "int" },
  { names: ["OPENQUANT_RATE_LIMIT"], path: ["server", "rate_limit", "limit"], kind: "int" },
  { names: ["OPENQUANT_QUEUE_NAME"], path: ["workers", "queue_name"], kind: "string" },
  { names: ["OPENQUANT_WORKER_CONCURRENCY"], path: ["workers", "concurrency"], kind: "int" },
  { names: ["OPENQUANT_QUEUE_INGEST_BATCH"], path: ["workers", "ingest_batch"], kind: "int" },
  { names: ["OPENQUANT_QUEUE_ATTEMPTS"], path: ["workers", "attempts"], kind: "int" },
  { names: ["OPENQUANT_QUEUE_BACKOFF_MS"], path: ["workers", "backoff_ms"], kind: "int" },
  { names: ["OPENQUANT_WORKER_LOCK_MS"], path: ["workers", "lock_ms"], kind: "int" },
  { names: ["OPENQUANT_WORKER_STALLED_MS"], path: ["workers", "stalled_ms"], kind: "int" },
  { names: ["OPENQUANT_WORKER_GRACE_MS"], path: ["workers", "shutdown_grace_ms"], kind: "int" },
  { names: ["OPENQUANT_NOTEBOOK_TIMEOUT"], path: ["notebooks", "timeout_seconds"], kind: "int" },
  { names: ["OPENQUANT_NOTEBOOK_CONCURRENCY"], path: ["notebooks", "concurrency"], kind: "int" },
];

/** A value read from the environment, with the variable it came from (for error messages). */
export interface EnvValue {
  name: string;
  path: string[];
  value: unknown;
}

function convert(raw: string, kind: Kind): unknown {
  if (kind === "int") return /^-?\d+$/.test(raw.trim()) ? Number(raw.trim()) : raw;
  if (kind === "list")
    return raw
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  return raw;
}

/** The overrides present in `env`; empty strings count as unset. */
export function readEnvOverrides(env: NodeJS.ProcessEnv): EnvValue[] {
  const values: EnvValue[] = [];
  for (const o of envOverrides) {
    const name = o.names.find((n) => env[n] !== undefined && env[n] !== "");
    if (name) values.push({ name, path: o.path, value: convert(env[name] as string, o.kind) });
  }
  return values;
}
