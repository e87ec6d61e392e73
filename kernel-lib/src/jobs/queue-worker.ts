/**
 * A worker of the work queue (`openquant worker`): takes jobs from BullMQ and runs them with the
 * very handlers the sidecar registers, reporting progress and log lines back through the job's
 * progress. Transient failures are retried with backoff; a bad request fails at once. A worker
 * killed mid-job leaves its lock to expire, and another worker takes the job over (stalled-job
 * recovery). Cancellations arrive on a pub/sub channel.
 */
import { hostname } from "node:os";
import { type Job, UnrecoverableError, Worker } from "bullmq";
import { Redis } from "ioredis";
import type { Logger } from "../util/logger.js";
import type { JobHandlers } from "./job-handlers.js";
import type { JobContext } from "./job-types.js";
import { cancelChannel, queueConnection, redactedRedisUrl } from "./queue-connection.js";
import { encodeJobError, isTransient, jobErrorOf } from "./queue-errors.js";
import { type ProgressMessage, ProgressRelay, type QueueJobData, type QueueWorkerStats } from "./queue-messages.js";

/** How a worker runs. */
export interface QueueWorkerOptions {
  redisUrl: string;
  queueName: string;
  handlers: JobHandlers;
  logger: Logger;
  /** Jobs run at once by this process. */
  concurrency: number;
  /** Lock on a running job (renewed at half); a dead worker's job is taken over after it expires. */
  lockMs: number;
  /** How often this worker looks for jobs whose worker died. */
  stalledMs: number;
  /** Name shown in BullMQ (a job's processedBy); default host:pid. */
  name?: string;
}

/** Times a job may be taken over from a dead worker before it fails as stalled. */
const MAX_STALLED = 2;

/** Takes jobs from the queue until closed. */
export class QueueWorker {
  private readonly worker: Worker<QueueJobData>;
  private readonly subscriber: Redis;
  private readonly counts = { running: 0, completed: 0, failed: 0 };
  readonly name: string;

  constructor(private readonly options: QueueWorkerOptions) {
    this.name = options.name ?? `${hostname()}:${process.pid}`;
    const connection = queueConnection(options.redisUrl);
    this.worker = new Worker<QueueJobData>(options.queueName, (job, _token, signal) => this.process(job, signal), {
      connection,
      name: this.name,
      concurrency: options.concurrency,
      lockDuration: options.lockMs,
      stalledInterval: options.stalledMs,
      maxStalledCount: MAX_STALLED,
      autorun: false,
    });
    // Redis outages (it reconnects) and lost locks (a job held past its lock goes to another worker; this one's result is then refused)
    this.worker.on("error", (error) => options.logger.warn({ err: error.message }, `worker: ${error.message}`));
    this.subscriber = new Redis({ ...connection, lazyConnect: true });
    this.subscriber.on("error", (error) => options.logger.debug({ err: error.message }, "cancel channel: Redis connection error (reconnecting)"));
    this.subscriber.on("message", (_channel, id: string) => {
      if (this.worker.cancelJob(id, "the job was cancelled")) options.logger.info({ work: id }, "cancelling on request");
    });
  }

  /** Connects, starts listening for cancellations and begins taking jobs. */
  async start(): Promise<void> {
    await this.subscriber.connect();
    await this.subscriber.subscribe(cancelChannel(this.options.queueName));
    await this.worker.waitUntilReady();
    void this.worker.run().catch((error) => this.options.logger.error({ err: error }, "worker stopped taking jobs"));
    this.options.logger.info(
      { redis: redactedRedisUrl(this.options.redisUrl), queue: this.options.queueName, concurrency: this.options.concurrency, kinds: this.options.handlers.kinds() },
      `worker ${this.name} taking jobs`,
    );
  }

  /** Counts of running, completed and failed jobs. */
  stats(): QueueWorkerStats {
    return { name: this.name, ...this.counts };
  }

  /**
   * Stops taking jobs and lets running ones finish for up to `graceMs`; jobs still running then
   * are left to their lock's expiry, so another worker takes them over.
   */
  async close(graceMs: number): Promise<void> {
    const finished = this.worker.close().then(() => true);
    const inTime = await Promise.race([finished, new Promise<false>((resolve) => setTimeout(() => resolve(false), graceMs).unref())]);
    if (!inTime) {
      this.options.logger.warn({ running: this.counts.running }, "jobs still running after the grace period: leaving them to another worker");
      await this.worker.close(true);
    }
    await this.subscriber.quit().catch(() => this.subscriber.disconnect());
  }

  private async process(job: Job<QueueJobData>, signal?: AbortSignal): Promise<unknown> {
    const kind = job.name;
    const attempt = job.attemptsMade + 1;
    const attempts = job.opts.attempts ?? 1;
    const logger = this.options.logger.child({ job: job.data.jobId, work: job.id, kind, attempt });
    const relay = new ProgressRelay(
      (message: ProgressMessage) => job.updateProgress(message as unknown as object),
      250,
      (error) => logger.debug({ err: (error as Error).message }, "progress not sent"),
    );
    const abort = signal ?? new AbortController().signal;
    const ctx: JobContext = {
      jobId: job.data.jobId,
      signal: abort,
      logger,
      progress: (update) => relay.progress(update),
      log: (line) => {
        logger.info(line);
        relay.log(String(line));
      },
    };
    this.counts.running++;
    logger.info(`started ${kind} (attempt ${attempt}/${attempts}) for job ${job.data.jobId}`);
    try {
      const handler = this.options.handlers.get(kind);
      const result = await handler.run(this.options.handlers.parse(kind, job.data.params), ctx);
      await relay.flush();
      this.counts.completed++;
      logger.info(`completed ${kind}`);
      return result ?? null;
    } catch (error) {
      this.counts.failed++;
      if (abort.aborted) {
        await relay.flush();
        throw new UnrecoverableError(encodeJobError({ code: "CANCELLED", message: "the job was cancelled" }));
      }
      const recorded = jobErrorOf(error);
      if (!isTransient(error)) {
        logger.warn({ err: recorded }, `failed for good: ${recorded.message}`);
        await relay.flush();
        throw new UnrecoverableError(encodeJobError(recorded));
      }
      ctx.log(attempt < attempts ? `attempt ${attempt}/${attempts} failed (${recorded.message}); retrying after a backoff` : `attempt ${attempt}/${attempts} failed (${recorded.message}); no tries left`);
      await relay.flush();
      throw new Error(encodeJobError(recorded));
    } finally {
      this.counts.running--;
    }
  }
}
