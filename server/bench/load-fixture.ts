/**
 * What the load benchmark serves: a data folder with the sample history of one ticker and a
 * `linear` model trained through kernel-lib against a real MLflow (started here), then the two
 * servers under test over it — a real `openquant serve` process, and the FastAPI + DuckDB
 * baseline reading a copy of the same DuckDB file.
 */
import { cpSync, existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadSettings, openQuant } from "@openquant/kernel-lib";
import { freePort, httpOk, type ServiceHandle, spawnService, startMlflow, startSidecar } from "../src/services/index.js";

/** The ticker every scenario reads. */
export const BENCH_TICKER = "ACME.SAMPLE";

/** The running fixture. */
export interface LoadFixture {
  sidecar: ServiceHandle;
  fastapi: ServiceHandle;
  /** The MLflow run of the trained model. */
  runId: string;
  /** Stops every process and leaves the temporary folder for inspection. */
  stop(): Promise<void>;
  dir: string;
}

/** Builds the data, trains the model and starts MLflow, the sidecar and the FastAPI baseline. */
export async function startLoadFixture(home: string, venvDir: string, log: (text: string) => void): Promise<LoadFixture> {
  const dir = mkdtempSync(join(tmpdir(), "oq-bench-load-"));
  const services: ServiceHandle[] = [];
  const stop = async () => {
    await Promise.all(services.map((s) => s.stop()));
  };
  try {
    log("starting MLflow");
    const mlflow = await startMlflow({
      venvDir,
      port: await freePort(),
      dataDir: join(dir, "mlflow"),
      artifactsDir: join(dir, "mlruns"),
      logFile: join(dir, "mlflow.log"),
    });
    services.push(mlflow);
    const env = {
      OPENQUANT_DATA_DIR: join(dir, "data"),
      OPENQUANT_LOG_DIR: join(dir, "logs"),
      OPENQUANT_LOG_LEVEL: "warn",
      MLFLOW_TRACKING_URI: mlflow.url,
    };

    log(`ingesting the sample history of ${BENCH_TICKER} and training a linear model`);
    const settings = loadSettings({ home, env });
    const oq = await openQuant({ settings, component: "bench", mode: "embedded" });
    let runId: string | undefined;
    try {
      await oq.ingest([BENCH_TICKER], { provider: "sample" });
      const trained = await oq.train({ experiment: "load-bench", tickers: [BENCH_TICKER], featureSet: [{ name: "rsi" }, { name: "natr" }, { name: "zscore" }, { name: "roc" }], model: { type: "linear" } });
      runId = trained.runId;
    } finally {
      await oq.close();
    }
    if (!runId) throw new Error("the model went to the outbox: MLflow did not take the run");

    // the baseline reads its own copy: the sidecar is the one writer of the original
    const copy = join(dir, "fastapi.duckdb");
    cpSync(settings.duckdb_path, copy);
    if (existsSync(`${settings.duckdb_path}.wal`)) cpSync(`${settings.duckdb_path}.wal`, `${copy}.wal`);

    log("starting the sidecar and the FastAPI baseline");
    const sidecar = await startSidecar({ home, port: await freePort(), logFile: join(dir, "sidecar.log"), env });
    services.push(sidecar);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const fastapi = await spawnService({
      name: "FastAPI baseline",
      command: join(venvDir, "bin", "python"),
      args: ["-m", "uvicorn", "fastapi_app:app", "--app-dir", join(home, "server", "bench"), "--host", "127.0.0.1", "--port", String(port), "--no-access-log", "--log-level", "warning"],
      env: { ...process.env, OPENQUANT_BENCH_DUCKDB: copy },
      url,
      logFile: join(dir, "fastapi.log"),
      healthCheck: () => httpOk(`${url}/health`),
      timeoutMs: 60_000,
    });
    services.push(fastapi);
    return { sidecar, fastapi, runId, stop, dir };
  } catch (error) {
    await stop();
    throw error;
  }
}
