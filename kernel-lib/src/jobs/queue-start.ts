/**
 * Entry points of the work queue that load BullMQ only when used: a notebook importing kernel-lib
 * never pays for it (it takes about 0.3 s to load), only a sidecar in queue mode and a worker do.
 */
import type { Settings } from "../config/schema.js";
import { InvalidInput } from "../errors.js";
import type { Logger } from "../util/logger.js";
import type { JobHandlers } from "./job-handlers.js";
import type { JobExecutor } from "./job-runner.js";
import type { TrainFunction } from "./job-train.js";
import type { QueueWorkerStats } from "./queue-messages.js";

/** How long the sidecar waits for Redis at start before it goes on (jobs wait for the queue meanwhile). */
const CONNECT_WAIT_MS = 5_000;

function requireRedis(settings: Settings, who: string): string {
  if (settings.redis_url) return settings.redis_url;
  throw new InvalidInput(`${who} needs Redis for the work queue: set REDIS_URL (e.g. redis://127.0.0.1:6379), or OPENQUANT_QUEUE=inprocess.`, [
    { path: "redis_url", message: "required with OPENQUANT_QUEUE=redis" },
  ]);
}

/** What the sidecar's queue executor is built from. */
export interface QueueExecutorSetup {
  settings: Settings;
  logger: Logger;
  /** The sidecar's handlers (kinds outside `queuedKinds` keep running in the sidecar). */
  handlers: JobHandlers;
  /** Kinds the workers run: those of registerJobHandlers. */
  queuedKinds: readonly string[];
  /** OpenQuant.crossValidate, which pools the folds the workers fit. */
  crossValidate: () => TrainFunction;
}

/** Opens the executor that sends the sidecar's jobs to the work queue in Redis. */
export async function createQueueExecutor(setup: QueueExecutorSetup): Promise<JobExecutor> {
  const redisUrl = requireRedis(setup.settings, "OPENQUANT_QUEUE=redis");
  const [{ QueueDispatcher }, { QueueExecutor }, { ingestCoordinator }, { crossValidateCoordinator }] = await Promise.all([
    import("./queue-dispatcher.js"),
    import("./queue-executor.js"),
    import("./queue-ingest.js"),
    import("./queue-folds.js"),
  ]);
  const w = setup.settings.workers;
  const dispatcher = await QueueDispatcher.open(
    { redisUrl, queueName: w.queue_name, attempts: w.attempts, backoffMs: w.backoff_ms, logger: setup.logger },
    CONNECT_WAIT_MS,
  );
  return new QueueExecutor({
    dispatcher,
    handlers: setup.handlers,
    queuedKinds: setup.queuedKinds,
    coordinators: {
      ingest: ingestCoordinator(w.ingest_batch, setup.settings.dataSources.default_provider),
      "cross-validate": crossValidateCoordinator(setup.crossValidate),
    },
  });
}

/** A running worker. */
export interface QueueWorkerHandle {
  /** Its name in BullMQ (a job's processedBy). */
  readonly name: string;
  /** Counts of running, completed and failed jobs. */
  stats(): QueueWorkerStats;
  /** Stops taking jobs; running ones get `graceMs` to finish, then are left to other workers. */
  close(graceMs?: number): Promise<void>;
}

/** Options of startQueueWorker; the rest comes from settings.workers. */
export interface QueueWorkerSetup {
  settings: Settings;
  logger: Logger;
  /** Handlers from registerJobHandlers over a client-mode OpenQuant. */
  handlers: JobHandlers;
  /** Jobs at once (default settings.workers.concurrency). */
  concurrency?: number;
  name?: string;
}

/** Starts taking jobs from the work queue. */
export async function startQueueWorker(setup: QueueWorkerSetup): Promise<QueueWorkerHandle> {
  const redisUrl = requireRedis(setup.settings, "openquant worker");
  const { QueueWorker } = await import("./queue-worker.js");
  const w = setup.settings.workers;
  const worker = new QueueWorker({
    redisUrl,
    queueName: w.queue_name,
    handlers: setup.handlers,
    logger: setup.logger,
    concurrency: setup.concurrency ?? w.concurrency,
    lockMs: w.lock_ms,
    stalledMs: w.stalled_ms,
    name: setup.name,
  });
  await worker.start();
  return {
    name: worker.name,
    stats: () => worker.stats(),
    close: (graceMs = w.shutdown_grace_ms) => worker.close(graceMs),
  };
}
