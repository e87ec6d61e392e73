/**
 * `openquant worker`: takes jobs from the work queue in Redis (a sidecar with OPENQUANT_QUEUE=redis
 * puts them there) and runs them with the sidecar's own job handlers. kernel-lib runs in client
 * mode against the sidecar (OPENQUANT_API_URL), so bars reach the DuckDB file only through it:
 * the file keeps one writer (DESIGN.md decision 2). Runs on this machine or any other.
 */
import { writeFileSync } from "node:fs";
import {
  tokenPath,
  InvalidInput,
  JobHandlers,
  loadSettings,
  NotebookRunner,
  openQuant,
  type QueueWorkerHandle,
  registerJobHandlers,
  startQueueWorker,
} from "@openquant/kernel-lib";

/** Options of `openquant worker`. */
export interface WorkerOptions {
  /** Jobs at once (default OPENQUANT_WORKER_CONCURRENCY, 1). */
  concurrency?: number;
  /** Name in BullMQ, shown as a job's processedBy (default host:pid). */
  name?: string;
  /** File rewritten every few seconds with the worker's counts: a container's healthcheck reads its age. */
  heartbeat?: string;
}

/** How often the heartbeat file is rewritten. */
const HEARTBEAT_MS = 5_000;

/** Starts a worker and resolves once it takes jobs; SIGTERM/SIGINT let running jobs finish (up to the grace period) and exit. */
export async function worker(options: WorkerOptions = {}): Promise<QueueWorkerHandle> {
  const settings = loadSettings();
  if (!settings.api_url) {
    throw new InvalidInput(
      "openquant worker reaches market data through the sidecar: set OPENQUANT_API_URL to its address (e.g. http://127.0.0.1:8000), " +
        "The token is read from the data folder (OPENQUANT_DATA_DIR) on the sidecar's machine, or from OPENQUANT_TOKEN elsewhere.",
      [{ path: "api_url", message: "required for a worker" }],
    );
  }
  if (settings.server.auth === "token" && !settings.server.token) {
    throw new InvalidInput(
      `openquant worker found no token for the sidecar: none in ${tokenPath(settings.data_dir)} (the sidecar creates it on first start) and OPENQUANT_TOKEN is not set. ` +
        "Point OPENQUANT_DATA_DIR at the sidecar's data folder or set OPENQUANT_TOKEN (or OPENQUANT_AUTH=none when the sidecar runs without auth).",
      [{ path: "server.token", message: "required for a worker" }],
    );
  }
  const oq = await openQuant({ settings, component: "worker", mode: "client" });
  // notebook runs are kept by the sidecar: each finished one is handed over with its files
  const notebooks = new NotebookRunner(settings, { logger: oq.logger, publish: (run, files) => oq.publishNotebookRun(run, files) });
  const handlers = new JobHandlers();
  registerJobHandlers(handlers, () => oq, () => notebooks);
  let handle: QueueWorkerHandle;
  try {
    handle = await startQueueWorker({ settings, logger: oq.logger, handlers, concurrency: options.concurrency, name: options.name });
  } catch (error) {
    await oq.close();
    throw error;
  }
  const beat = () => writeFileSync(options.heartbeat as string, `${JSON.stringify({ ...handle.stats(), at: new Date().toISOString() })}\n`);
  if (options.heartbeat) beat();
  const heartbeat = options.heartbeat ? setInterval(beat, HEARTBEAT_MS).unref() : undefined;
  process.stdout.write(`openquant worker ${handle.name} taking jobs from queue '${settings.workers.queue_name}' (${handlers.kinds().join(", ")})\n`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const graceMs = settings.workers.shutdown_grace_ms;
    oq.logger.info({ signal, graceMs, ...handle.stats() }, "worker shutting down: no new jobs; running ones may finish");
    clearInterval(heartbeat);
    await handle.close(graceMs);
    await oq.close();
    oq.logger.info(handle.stats(), "worker stopped");
    oq.logger.flush?.();
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
  return handle;
}
