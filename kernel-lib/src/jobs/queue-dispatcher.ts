/**
 * The sidecar's side of the work queue: puts work on a BullMQ queue and follows it to the end.
 * Progress, log lines, the start, the result and the final failure come back through QueueEvents;
 * a slow poll of each pending job's state catches anything an event stream outage hid (a Redis
 * restart), and puts back work Redis lost. Queue ids are deterministic, so putting the same work
 * twice is a no-op: a result is recorded once per id.
 */
import { Queue, QueueEvents } from "bullmq";
import { Redis } from "ioredis";
import { Conflict, InvalidInput, NotFound, Unavailable } from "../errors.js";
import type { CheckResult } from "../health.js";
import type { Logger } from "../util/logger.js";
import type { JobError } from "./job-types.js";
import { cancelChannel, queueConnection, redactedRedisUrl } from "./queue-connection.js";
import { decodeJobError } from "./queue-errors.js";
import { type ProgressMessage, progressMessageSchema, type QueueJobData } from "./queue-messages.js";

/** How the dispatcher reaches the queue and what it asks of failed work. */
export interface QueueDispatcherOptions {
  redisUrl: string;
  queueName: string;
  /** Tries of work failing transiently, and the first backoff (doubled each time). */
  attempts: number;
  backoffMs: number;
  logger: Logger;
  /** How often pending work's state is read besides the events (default 5 s). */
  reconcileMs?: number;
}

/** One piece of work for the queue: its queue id, kind, params and the sidecar job it belongs to. */
export interface QueuePart {
  id: string;
  kind: string;
  params: unknown;
  jobId: string;
}

/** What the dispatcher tells the caller while the work runs. */
export interface PartHooks {
  /** A worker took the work. */
  onActive(): void;
  /** The worker reported progress or log lines. */
  onMessage(message: ProgressMessage): void;
  /** Aborting it cancels the work: removed if no worker has it yet, else its worker is told to stop. */
  signal?: AbortSignal;
}

interface Pending {
  part: QueuePart;
  hooks: PartHooks;
  active: boolean;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** A kernel-lib error of the recorded code, so the job reads the same as when it ran in-process. */
export function errorFromJobError(error: JobError): Error {
  if (error.code === "INVALID_INPUT") return new InvalidInput(error.message);
  if (error.code === "NOT_FOUND") return new NotFound(error.message);
  if (error.code === "CONFLICT") return new Conflict(error.message);
  if (error.code === "UNAVAILABLE") return new Unavailable(error.message);
  return new Error(error.message);
}

/** Finished jobs kept in Redis (for inspection and for a late reconciliation): an hour if done, a day if failed. */
const KEEP_COMPLETED = { age: 3_600 };
const KEEP_FAILED = { age: 86_400 };
/** A health check that waits longer on Redis reports it down. */
const HEALTH_TIMEOUT_MS = 1_500;

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Unavailable(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Puts work on the queue and resolves each piece with its result or rejects with its error. */
export class QueueDispatcher {
  private readonly pending = new Map<string, Pending>();
  private readonly timer: NodeJS.Timeout;
  private reconciling = false;
  private closed = false;

  private constructor(
    private readonly queue: Queue,
    private readonly events: QueueEvents,
    /** Publishes cancellations to the workers. */
    private readonly publisher: Redis,
    private readonly options: QueueDispatcherOptions,
  ) {
    events.on("active", ({ jobId }) => this.markActive(jobId));
    events.on("progress", ({ jobId, data }) => {
      const message = progressMessageSchema.safeParse(data);
      if (message.success) this.pending.get(jobId)?.hooks.onMessage(message.data);
    });
    events.on("completed", ({ jobId, returnvalue }) => this.settle(jobId, { value: returnvalue }));
    events.on("failed", ({ jobId, failedReason }) => this.settle(jobId, { error: decodeJobError(failedReason) }));
    events.on("stalled", ({ jobId }) =>
      this.pending.get(jobId)?.hooks.onMessage({ log: ["the worker running this stopped answering (killed?): the work goes back to the queue for another worker"] }),
    );
    events.on("error", (error) => options.logger.debug({ err: error.message }, "queue events: Redis connection error (reconnecting)"));
    queue.on("error", (error) => options.logger.debug({ err: error.message }, "queue: Redis connection error (reconnecting)"));
    this.timer = setInterval(() => void this.reconcile(), options.reconcileMs ?? 5_000);
    this.timer.unref();
  }

  /** Connects to the queue and starts following its events; waits up to `connectWaitMs` for Redis, then goes on (work waits for it). */
  static async open(options: QueueDispatcherOptions, connectWaitMs = 5_000): Promise<QueueDispatcher> {
    const connection = queueConnection(options.redisUrl);
    const queue = new Queue(options.queueName, { connection });
    const events = new QueueEvents(options.queueName, { connection });
    const publisher = new Redis(connection);
    publisher.on("error", (error) => options.logger.debug({ err: error.message }, "cancel publisher: Redis connection error (reconnecting)"));
    const ready = await Promise.race([
      Promise.all([queue.waitUntilReady(), events.waitUntilReady()]).then(() => true),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), connectWaitMs).unref()),
    ]);
    const where = { redis: redactedRedisUrl(options.redisUrl), queue: options.queueName };
    if (ready) options.logger.info(where, "jobs go to the work queue");
    else options.logger.warn(where, "the work queue's Redis does not answer yet: jobs wait for it");
    return new QueueDispatcher(queue, events, publisher, options);
  }

  /** Puts `part` on the queue and resolves with its result (or rejects with its error) once a worker is done with it. */
  run(part: QueuePart, hooks: PartHooks): Promise<unknown> {
    if (this.closed) return Promise.reject(new Unavailable("The work queue is closed: the sidecar is shutting down."));
    if (this.pending.has(part.id)) return Promise.reject(new Conflict(`Work '${part.id}' is already on the queue.`));
    return new Promise<unknown>((resolve, reject) => {
      const entry: Pending = { part, hooks, active: false, resolve, reject };
      // registered before the add, so no event of this work can be missed
      this.pending.set(part.id, entry);
      const onAbort = () => void this.cancel(part.id);
      hooks.signal?.addEventListener("abort", onAbort, { once: true });
      const cleanup = () => hooks.signal?.removeEventListener("abort", onAbort);
      entry.resolve = (value) => {
        cleanup();
        resolve(value);
      };
      entry.reject = (error) => {
        cleanup();
        reject(error);
      };
      this.add(part).catch((error) => this.settle(part.id, { error: { code: "UNAVAILABLE", message: `could not put the job on the queue: ${(error as Error).message}` } }));
      if (hooks.signal?.aborted) onAbort();
    });
  }

  /** Redis reachable, with the queue's counts and the number of connected workers; degraded when no worker listens. */
  async health(): Promise<CheckResult> {
    try {
      const [counts, workers] = await within(
        Promise.all([this.queue.getJobCounts("waiting", "active", "delayed", "failed", "completed"), this.queue.getWorkersCount()]),
        HEALTH_TIMEOUT_MS,
        "Redis",
      );
      const details = { queue: this.options.queueName, redis: redactedRedisUrl(this.options.redisUrl), workers, ...counts, following: this.pending.size };
      if (workers === 0) return { status: "degraded", details, error: "no `openquant worker` is connected: queued jobs wait until one starts" };
      return { status: "up", details };
    } catch (error) {
      return { status: "down", details: { queue: this.options.queueName }, error: `the work queue's Redis is unreachable: ${(error as Error).message}` };
    }
  }

  /** Stops following the queue and closes its connections (work already queued stays there). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    for (const entry of this.pending.values()) entry.reject(new Unavailable("The sidecar stopped following this job on the work queue."));
    this.pending.clear();
    await Promise.allSettled([this.events.close(), this.queue.close(), this.publisher.quit()]);
  }

  private add(part: QueuePart): Promise<unknown> {
    const data: QueueJobData = { jobId: part.jobId, params: part.params };
    return this.queue.add(part.kind, data, {
      jobId: part.id,
      attempts: this.options.attempts,
      backoff: { type: "exponential", delay: this.options.backoffMs },
      removeOnComplete: KEEP_COMPLETED,
      removeOnFail: KEEP_FAILED,
    });
  }

  private markActive(id: string): void {
    const entry = this.pending.get(id);
    if (!entry || entry.active) return;
    entry.active = true;
    entry.hooks.onActive();
  }

  private settle(id: string, outcome: { value: unknown } | { error: JobError }): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    if ("error" in outcome) entry.reject(errorFromJobError(outcome.error));
    else {
      // a worker may finish before its start event is read: the job still reads as started
      this.markActive(id);
      entry.resolve(outcome.value);
    }
  }

  /** Removes work no worker has taken yet; otherwise tells its worker to stop. */
  private async cancel(id: string): Promise<void> {
    const entry = this.pending.get(id);
    if (!entry) return;
    try {
      const job = await this.queue.getJob(id);
      const state = job ? await job.getState() : "unknown";
      if (job && (state === "waiting" || state === "delayed" || state === "prioritized")) {
        await job.remove();
        this.settle(id, { error: { code: "CANCELLED", message: "cancelled before a worker took it" } });
        return;
      }
    } catch {
      // a worker took it meanwhile (an active job cannot be removed): ask it to stop
    }
    await this.publisher.publish(cancelChannel(this.options.queueName), id);
  }

  /** Reads the state of pending work: settles what finished unseen, marks started work, puts back work Redis lost. */
  private async reconcile(): Promise<void> {
    if (this.reconciling || this.closed || this.pending.size === 0) return;
    this.reconciling = true;
    try {
      for (const [id, entry] of [...this.pending]) {
        // the state first, then the job: a job read before its state could finish in between and
        // read as completed with the return value it did not have yet
        const state = await this.queue.getJobState(id);
        if (state === "unknown") {
          this.options.logger.warn({ job: entry.part.jobId, work: id }, "work missing from the queue (Redis lost it?): putting it back");
          await this.add(entry.part);
          continue;
        }
        if (state === "active") this.markActive(id);
        else if (state === "completed" || state === "failed") {
          const job = await this.queue.getJob(id);
          if (!job) continue;
          if (state === "completed") this.settle(id, { value: job.returnvalue });
          else this.settle(id, { error: decodeJobError(job.failedReason) });
        }
      }
    } catch (error) {
      this.options.logger.debug({ err: (error as Error).message }, "queue reconciliation postponed");
    } finally {
      this.reconciling = false;
    }
  }
}
