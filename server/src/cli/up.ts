/**
 * `openquant up`: starts the whole platform on loopback — a real MLflow server (SQLite in data/,
 * artifacts in mlruns/), the sidecar, and JupyterLab with the extension and the tslab kernel —
 * waits until each answers its health check, prints where each is, and stops all on Ctrl-C.
 */
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { ensureTokenFile, InvalidInput, loadSettings, SAMPLE_UNIVERSE, SidecarClient, type TickerInfo } from "@openquant/kernel-lib";
import { startJupyter } from "../services/jupyter.js";
import { startMlflow } from "../services/mlflow.js";
import { requireFreePort } from "../services/ports.js";
import type { ServiceHandle } from "../services/process.js";
import { startSidecar } from "../services/sidecar.js";
import { color } from "./output.js";

export interface UpOptions {
  jupyter: boolean;
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** Ingests the offline sample universe through the sidecar when the store is empty. */
async function loadSampleData(client: SidecarClient): Promise<void> {
  const stored = await client.request<TickerInfo[]>("GET", "/data/tickers");
  if (stored.length > 0) return;
  const tickers = SAMPLE_UNIVERSE.map((t) => t.ticker);
  say(color.dim(`loading sample data (${tickers.length} tickers, offline)…`));
  const { location } = await client.request<{ location: string }>("POST", "/data/ingest", { tickers, provider: "sample" });
  // ingestion is a job: follow it until it ends
  let job = await client.request<{ status: string; result: { totals: { inserted: number } } | null; error: { message: string } | null }>("GET", location);
  while (job.status === "queued" || job.status === "running") {
    await new Promise((resolve) => setTimeout(resolve, 250));
    job = await client.request("GET", location);
  }
  if (job.status !== "succeeded" || !job.result) throw new Error(`Loading the sample data ${job.status}: ${job.error?.message ?? "no result"}`);
  say(color.dim(`  ${job.result.totals.inserted.toLocaleString("en-US")} bars stored`));
}

/** Starts everything; resolves when the user stops it (SIGINT/SIGTERM) and everything has stopped. */
export async function up(options: UpOptions): Promise<void> {
  const settings = loadSettings();
  const home = settings.home;
  const logDir = settings.log_dir;
  const externalMlflow = Boolean(process.env.MLFLOW_TRACKING_URI || process.env.OPENQUANT_MLFLOW_URI);
  const mlflowPort = settings.mlflow.port;
  const mlflowUri = externalMlflow ? settings.mlflow.tracking_uri : `http://127.0.0.1:${mlflowPort}`;
  // the sidecar, JupyterLab and its kernels all talk to the same MLflow
  const childEnv = { ...process.env, MLFLOW_TRACKING_URI: mlflowUri };
  const sidecarPort = settings.server.port;
  const jupyterPort = settings.jupyter.port;

  if (!externalMlflow) {
    await requireFreePort("MLflow", mlflowPort, "OPENQUANT_MLFLOW_PORT, or MLFLOW_TRACKING_URI to use a server you run");
  }
  await requireFreePort("the OpenQuant sidecar", sidecarPort, "OPENQUANT_PORT");
  if (settings.server.auth === "none" && !["127.0.0.1", "localhost", "::1"].includes(settings.server.host)) {
    throw new InvalidInput(`Refusing to start the sidecar on ${settings.server.host} with OPENQUANT_AUTH=none: bind it to 127.0.0.1 or drop OPENQUANT_AUTH=none.`);
  }
  // made before anything starts, so the sidecar, JupyterLab's proxy and its kernels share one token
  const tokenFile = settings.server.auth === "none" || process.env.OPENQUANT_TOKEN ? undefined : ensureTokenFile(settings.data_dir);
  const sidecarToken = settings.server.auth === "none" ? undefined : (settings.server.token ?? tokenFile?.token);
  if (options.jupyter) await requireFreePort("JupyterLab", jupyterPort, "OPENQUANT_JUPYTER_PORT");

  const started: ServiceHandle[] = [];
  const stopAll = async () => {
    for (const handle of [...started].reverse()) {
      say(color.dim(`stopping ${handle.name}…`));
      await handle.stop();
    }
  };
  let stopping = false;
  const onSignal = () => {
    if (stopping) return;
    stopping = true;
    say("");
    void stopAll().then(() => {
      say("all stopped.");
      process.exit(0);
    });
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  try {
    if (!externalMlflow) {
      say(color.dim("starting MLflow…"));
      started.push(
        await startMlflow({
          venvDir: settings.venv_dir,
          port: mlflowPort,
          dataDir: settings.data_dir,
          artifactsDir: join(home, "mlruns"),
          logFile: join(logDir, "mlflow.log"),
        }),
      );
    }
    say(color.dim("starting the sidecar…"));
    const sidecar = await startSidecar({ home, port: sidecarPort, logFile: join(logDir, "sidecar.out.log"), env: childEnv });
    started.push(sidecar);
    await loadSampleData(new SidecarClient(sidecar.url, sidecarToken));

    let jupyterUrl: string | undefined;
    if (options.jupyter) {
      say(color.dim("starting JupyterLab…"));
      const token = process.env.OPENQUANT_JUPYTER_TOKEN || randomBytes(24).toString("hex");
      const jupyter = await startJupyter({
        venvDir: settings.venv_dir,
        home,
        port: jupyterPort,
        rootDir: settings.notebooks_dir,
        token,
        logFile: join(logDir, "jupyterlab.log"),
        env: { ...childEnv, OPENQUANT_API_URL: sidecar.url, OPENQUANT_PORT: String(sidecarPort), OPENQUANT_DATA_DIR: settings.data_dir },
      });
      started.push(jupyter);
      jupyterUrl = `${jupyter.url}/lab?token=${token}`;
    }

    say("");
    say(color.green(color.bold("OpenQuant is up.")));
    say(`  JupyterLab     ${jupyterUrl ?? color.dim("(not started)")}`);
    const docs = jupyterUrl ? `${jupyterUrl.replace(/\/lab\?token=.*$/, "")}/openquant/docs` : `${sidecar.url}/docs with the token`;
    say(`  REST sidecar   ${sidecar.url}   (API docs: ${docs}, health: ${sidecar.url}/health)`);
    const auth = tokenFile
      ? `bearer token in ${tokenFile.path} (mode 0600; the CLI, workers, kernels and JupyterLab's proxy read it)`
      : sidecarToken
        ? "bearer token from OPENQUANT_TOKEN"
        : color.dim("off (OPENQUANT_AUTH=none, loopback only)");
    say(`  Sidecar auth   ${auth}`);
    say(`  MLflow         ${mlflowUri}${externalMlflow ? " (external)" : ""}`);
    say(`  Redis cache    ${settings.redis_url ?? color.dim("not configured: in-process cache (set REDIS_URL to use Redis)")}`);
    say(`  DuckDB         ${settings.duckdb_path}`);
    say(`  Logs           ${logDir}`);
    say(color.dim("Press Ctrl-C to stop everything."));
  } catch (error) {
    await stopAll();
    throw error;
  }
  await new Promise<never>(() => {
    // runs until a signal stops everything and exits
  });
}
