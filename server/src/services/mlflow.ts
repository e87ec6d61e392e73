import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { httpOk, type ServiceHandle, spawnService } from "./process.js";

export interface MlflowOptions {
  /** The project's virtualenv, holding the pinned `mlflow`. */
  venvDir: string;
  host?: string;
  port: number;
  /** Holds the SQLite backend `mlflow.db`. */
  dataDir: string;
  /** Where the artifact proxy stores artifacts. */
  artifactsDir: string;
  logFile: string;
}

/** Starts a real MLflow tracking server (SQLite backend, proxied artifacts) and waits for GET /health. */
export function startMlflow(options: MlflowOptions): Promise<ServiceHandle> {
  const host = options.host ?? "127.0.0.1";
  mkdirSync(options.dataDir, { recursive: true });
  mkdirSync(options.artifactsDir, { recursive: true });
  const url = `http://${host}:${options.port}`;
  return spawnService({
    name: "MLflow",
    command: join(options.venvDir, "bin", "mlflow"),
    args: [
      "server",
      "--backend-store-uri",
      `sqlite:///${join(options.dataDir, "mlflow.db")}`,
      "--artifacts-destination",
      options.artifactsDir,
      "--serve-artifacts",
      "--host",
      host,
      "--port",
      String(options.port),
      "--workers",
      "1",
    ],
    // no server-side job runner (GenAI features we do not use): 8 huey processes and ~1.4 GB less, and a faster start
    env: { ...process.env, MLFLOW_ENABLE_WORKSPACES: "false", MLFLOW_SERVER_ENABLE_JOB_EXECUTION: "false", PYTHONUNBUFFERED: "1" },
    url,
    logFile: options.logFile,
    healthCheck: () => httpOk(`${url}/health`),
    timeoutMs: 180_000,
  });
}
