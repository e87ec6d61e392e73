/**
 * Runs jobs in this process (DESIGN.md decision 6): `{ kind, params }` submitted, validated by the
 * kind's handler, queued FIFO under a concurrency limit, with progress, a log tail, cancellation
 * and events. State is kept in DuckDB; progress is persisted at most about once a second per job.
 */
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { Conflict, isOpenQuantError, NotFound, Unavailable } from "../errors.js";
import type { CheckResult } from "../health.js";
import type { Logger } from "../util/logger.js";
import { validate } from "../util/validate.js";
import { JobEvents, type JobListener } from "./job-events.js";
import type { JobHandlers } from "./job-handlers.js";
import { LogTail } from "./job-log.js";
import type { JobStore } from "./job-store.js";
import { Throttle } from "./job-throttle.js";
import {
  JOB_STATUSES,
  type Job,
  type JobContext,
  type JobError,
  type JobEvent,
  type JobQuery,
  type JobStatus,
  type JobSummary,
  type ProgressUpdate,
} from "./job-types.js";

/** A job's work as handed to an executor: its id, kind and params as submitted (validated at submission). */
export interface ExecutableJob {
  id: string;
  kind: string;
  params: unknown;
}

/**
 * Where jobs run when not in this process (DESIGN.md decision 8: a BullMQ queue and its workers).
 * The runner keeps the job's record, events and cancellation; the executor does the work elsewhere.
 */
export interface JobExecutor {
  /** Jobs handed over at once; it replaces the runner's concurrency, since the workers limit the real work. */
  readonly concurrency: number;
  /** Does the work and resolves with its result; calls `started` once the work really begins (the job then reads running). */
  run(job: ExecutableJob, ctx: JobContext, started: () => void): Promise<unknown>;
  /** The executor's own health (e.g. its Redis connection). */
  health(): Promise<CheckResult>;
  /** Whether a job of `kind` left unfinished by a stopped sidecar can be followed again (its work lives on elsewhere). */
  resumes?(kind: string): boolean;
  /** Releases its connections once no job runs any more. */
  close(): Promise<void>;
}

/** How the runner behaves. */
export interface JobRunnerOptions {
  logger: Logger;
  /** Jobs running at once (default 2); more wait in the queue. */
  concurrency?: number;
  /** Least time between two progress writes of one job to DuckDB (default 1000 ms). */
  progressIntervalMs?: number;
  /** Run jobs elsewhere (a work queue) instead of in this process. */
  executor?: JobExecutor;
}

/** Options of a submission. */
export interface SubmitOptions {
  /** Who submits: "api", "notebook", "schedule:<id>", "cli" (default "api"). */
  trigger?: string;
}

/** The runner's counts, for /health and the Health panel. */
export interface JobRunnerStatus {
  accepting: boolean;
  running: number;
  queued: number;
  concurrency: number;
  kinds: string[];
  /** Open event subscriptions (SSE streams, notebook progress bars). */
  subscribers: number;
}

/** A job this process is queuing or running. */
interface ActiveJob {
  job: Job;
  log: LogTail;
  abort: AbortController;
  throttle: Throttle;
  /** Why the work is being stopped, once it is. */
  stopReason?: "cancel" | "shutdown";
  finished: boolean;
  /** True while it counts against the concurrency limit. */
  holdsSlot: boolean;
  done: Promise<void>;
  markDone: () => void;
}

const jobQuerySchema = z
  .object({
    status: z.enum(JOB_STATUSES).optional(),
    kind: z.string().max(40).optional(),
    limit: z.number().int().min(1).max(1000).default(50),
  })
  .strict();

/** After the grace period, work that ignores its abort signal gets this long before it is recorded as interrupted anyway. */
const STOP_WAIT_MS = 2_000;

function errorOf(error: unknown): JobError {
  if (isOpenQuantError(error)) return { code: error.code, message: error.message };
  return { code: "ERROR", message: error instanceof Error ? error.message : String(error) };
}

/** Queues and runs jobs; the one place their state changes. */
export class JobRunner {
  private readonly events = new JobEvents();
  private readonly active = new Map<string, ActiveJob>();
  private readonly queue: string[] = [];
  private readonly concurrency: number;
  private readonly progressIntervalMs: number;
  private readonly logger: Logger;
  private readonly executor?: JobExecutor;
  private running = 0;
  private accepting = true;
  private stopping?: Promise<void>;

  constructor(
    private readonly store: JobStore,
    /** The job kinds this runner can run. */
    readonly handlers: JobHandlers,
    options: JobRunnerOptions,
  ) {
    const o = validate(
      z.object({ concurrency: z.number().int().min(1).max(64).default(2), progressIntervalMs: z.number().int().min(0).default(1000) }),
      { concurrency: options.concurrency, progressIntervalMs: options.progressIntervalMs },
      "job runner options",
    );
    this.executor = options.executor;
    this.concurrency = this.executor?.concurrency ?? o.concurrency;
    this.progressIntervalMs = o.progressIntervalMs;
    this.logger = options.logger;
  }

  /**
   * Settles the jobs a previous process left queued or running: those whose work lives on (on the
   * work queue) are taken back, to be followed again from resume(); the others are recorded as
   * interrupted. Returns the interrupted ids.
   */
  async start(): Promise<string[]> {
    const { interrupted, resumed } = await this.store.recoverUnfinished(
      "the process running this job stopped before it finished; submit it again",
      (job) => this.executor?.resumes?.(job.kind) ?? false,
    );
    if (interrupted.length) this.logger.warn({ jobs: interrupted }, `${interrupted.length} job(s) from a previous run marked interrupted`);
    for (const job of resumed) {
      const entry = this.enqueue(job);
      for (const added of entry.log.push("the sidecar restarted: following this job's work on the queue again")) this.events.emit({ type: "log", jobId: job.id, line: added });
    }
    if (resumed.length) this.logger.info({ jobs: resumed.map((j) => j.id) }, `${resumed.length} job(s) from before the restart followed again on the work queue`);
    return interrupted;
  }

  /** Starts following the jobs start() took back, once what their work calls into is ready. */
  resume(): void {
    this.pump();
  }

  /** Validates `params` with the kind's schema, records the job as queued and returns it (it runs when a slot is free). */
  async submit(kind: string, params: unknown, options: SubmitOptions = {}): Promise<Job> {
    if (!this.accepting) throw new Unavailable("The job runner is shutting down and takes no new jobs; submit again once the sidecar is back.");
    this.handlers.parse(kind, params);
    const job: Job = {
      id: randomUUID(),
      kind,
      params: params ?? null,
      status: "queued",
      progress: { fraction: 0, message: null, counters: {} },
      error: null,
      trigger: options.trigger ?? "api",
      createdAt: new Date().toISOString(),
      startedAt: null,
      finishedAt: null,
      cancelRequested: false,
      result: null,
      log: [],
    };
    await this.store.insert(job);
    if (!this.accepting) {
      // shutdown began while the row was written: record why it will never run
      await this.store.save({ ...job, status: "interrupted", finishedAt: new Date().toISOString(), error: { code: "INTERRUPTED", message: "the sidecar was shutting down" } });
      throw new Unavailable("The job runner is shutting down and takes no new jobs; submit again once the sidecar is back.");
    }
    const entry = this.enqueue(job);
    this.pump();
    return this.snapshot(entry);
  }

  /** Makes `job` active and puts it in line for a slot. */
  private enqueue(job: Job): ActiveJob {
    let markDone = () => {};
    const done = new Promise<void>((resolve) => {
      markDone = resolve;
    });
    const { log, ...state } = job;
    const entry: ActiveJob = {
      job: { ...state, log: [] },
      log: new LogTail(log),
      abort: new AbortController(),
      throttle: new Throttle(this.progressIntervalMs, () => void this.persist(entry)),
      finished: false,
      holdsSlot: false,
      done,
      markDone,
    };
    this.active.set(job.id, entry);
    this.queue.push(job.id);
    this.emitStatus(entry);
    return entry;
  }

  /** One job with its progress, result or error and log tail; NotFound for an unknown id. */
  async get(id: string): Promise<Job> {
    const entry = this.active.get(id);
    if (entry) return this.snapshot(entry);
    const stored = await this.store.get(id);
    if (!stored) throw new NotFound(`No job '${id}'. List the jobs with GET /jobs or oq.jobs.list().`, [{ path: "id", message: "unknown job" }]);
    return stored;
  }

  /** Jobs newest first, optionally of one status or kind. */
  async list(query: JobQuery = {}): Promise<JobSummary[]> {
    const q = validate(jobQuerySchema, query, "job query");
    const rows = await this.store.list(q);
    // running jobs' progress in memory is fresher than the throttled row
    return rows.map((row) => {
      const entry = this.active.get(row.id);
      if (!entry) return row;
      const { result: _result, log: _log, ...summary } = this.snapshot(entry);
      return summary;
    });
  }

  /**
   * Cancels a job: a queued one at once, a running one through its abort signal (waiting up to
   * `waitMs` for it to stop). A finished job is a Conflict; an unknown one NotFound.
   */
  async cancel(id: string, options: { waitMs?: number } = {}): Promise<Job> {
    const entry = this.active.get(id);
    if (!entry) {
      const job = await this.get(id);
      throw new Conflict(`Job '${id}' has already ${job.status === "succeeded" ? "succeeded" : `ended (${job.status})`}: there is nothing to cancel.`);
    }
    if (entry.job.status === "queued" && !entry.holdsSlot) {
      this.queue.splice(this.queue.indexOf(id), 1);
      await this.finish(entry, "cancelled", null, { code: "CANCELLED", message: "cancelled before it started" });
      return this.snapshot(entry);
    }
    this.stop(entry, "cancel");
    if (options.waitMs) await Promise.race([entry.done, sleep(options.waitMs, undefined, { ref: false })]);
    return this.get(id);
  }

  /** Calls `listener` for every job event until the returned function is called. */
  subscribe(listener: JobListener): () => void {
    return this.events.subscribe(listener);
  }

  /** One job's events, starting with its current state and ending after its final status (or when `signal` aborts). */
  watch(id: string, signal?: AbortSignal): Promise<AsyncGenerator<JobEvent, void>> {
    return this.events.stream(id, () => this.get(id), signal);
  }

  /** Resolves with the job once it has finished (or its state when `signal` aborts first). */
  async wait(id: string, signal?: AbortSignal): Promise<Job> {
    for await (const _event of await this.watch(id, signal)) {
      // drain: the stream ends with the final status
    }
    return this.get(id);
  }

  /** Counts of running and queued jobs. */
  status(): JobRunnerStatus {
    return {
      accepting: this.accepting,
      running: this.running,
      queued: this.queue.length,
      concurrency: this.concurrency,
      kinds: this.handlers.kinds(),
      subscribers: this.events.listenerCount,
    };
  }

  /** Health: up while accepting jobs, down once shutting down. */
  async health(): Promise<CheckResult> {
    const details: Record<string, unknown> = { ...this.status() };
    if (!this.accepting) return { status: "down", details, error: "the job runner is shutting down" };
    if (!this.executor) return { status: "up", details };
    const executor = await this.executor.health();
    return { ...executor, details: { ...details, executor: executor.details } };
  }

  /**
   * Stops taking jobs; queued ones become interrupted; running ones get `graceMs` to finish, then
   * are aborted and recorded as interrupted. Idempotent.
   */
  shutdown(graceMs = 30_000): Promise<void> {
    this.stopping ??= this.drain(graceMs).then(() => this.executor?.close());
    return this.stopping;
  }

  private async drain(graceMs: number): Promise<void> {
    this.accepting = false;
    for (const id of this.queue.splice(0)) {
      const entry = this.active.get(id);
      if (entry) await this.finish(entry, "interrupted", null, { code: "INTERRUPTED", message: "the sidecar stopped before this job started; submit it again" });
    }
    const running = [...this.active.values()];
    if (!running.length) return;
    this.logger.info({ jobs: running.map((e) => e.job.id), graceMs }, "waiting for running jobs to finish");
    const allDone = Promise.all(running.map((e) => e.done)).then(() => true);
    if (await Promise.race([allDone, sleep(graceMs, false, { ref: false })])) return;
    for (const entry of running) this.stop(entry, "shutdown");
    if (await Promise.race([allDone, sleep(STOP_WAIT_MS, false, { ref: false })])) return;
    for (const entry of running) {
      await this.finish(entry, "interrupted", null, {
        code: "INTERRUPTED",
        message: `the sidecar shut down and this job did not stop within ${(graceMs + STOP_WAIT_MS) / 1000} s`,
      });
    }
  }

  private stop(entry: ActiveJob, reason: "cancel" | "shutdown"): void {
    if (entry.finished) return;
    entry.stopReason ??= reason;
    entry.job.cancelRequested = reason === "cancel";
    entry.abort.abort(new Error(reason === "cancel" ? "the job was cancelled" : "the sidecar is shutting down"));
    this.emitStatus(entry);
  }

  private pump(): void {
    while (this.accepting && this.running < this.concurrency && this.queue.length) {
      const entry = this.active.get(this.queue.shift() as string);
      if (entry) void this.execute(entry);
    }
  }

  private async execute(entry: ActiveJob): Promise<void> {
    const { job } = entry;
    this.running++;
    entry.holdsSlot = true;
    const started = () => {
      if (entry.finished || job.status !== "queued") return;
      job.status = "running";
      job.startedAt = new Date().toISOString();
      this.emitStatus(entry);
      void this.persist(entry);
    };
    // in this process the work starts now; an executor says when a worker has taken it
    if (!this.executor) started();
    const logger = this.logger.child({ job: job.id, kind: job.kind });
    const ctx: JobContext = {
      jobId: job.id,
      signal: entry.abort.signal,
      logger,
      progress: (update) => this.progress(entry, update),
      log: (line) => {
        if (entry.finished) return;
        logger.info(line);
        for (const added of entry.log.push(String(line))) this.events.emit({ type: "log", jobId: job.id, line: added });
        entry.throttle.request();
      },
    };
    try {
      // an executor gets the params as submitted: its workers validate them with the same handlers
      const result = this.executor
        ? await this.executor.run({ id: job.id, kind: job.kind, params: job.params }, ctx, started)
        : await this.handlers.get(job.kind).run(this.handlers.parse(job.kind, job.params), ctx);
      if (entry.stopReason) await this.finishStopped(entry, result);
      else await this.finish(entry, "succeeded", result ?? null, null);
    } catch (error) {
      if (entry.stopReason) await this.finishStopped(entry, null);
      else {
        logger.error({ err: error }, "job failed");
        await this.finish(entry, "failed", null, errorOf(error));
      }
    }
  }

  private finishStopped(entry: ActiveJob, partial: unknown): Promise<void> {
    return entry.stopReason === "cancel"
      ? this.finish(entry, "cancelled", partial ?? null, { code: "CANCELLED", message: "the job was cancelled" })
      : this.finish(entry, "interrupted", partial ?? null, { code: "INTERRUPTED", message: "the sidecar shut down during this job" });
  }

  private progress(entry: ActiveJob, update: ProgressUpdate): void {
    if (entry.finished) return;
    const p = entry.job.progress;
    if (typeof update.fraction === "number" && Number.isFinite(update.fraction)) p.fraction = Math.min(1, Math.max(0, update.fraction));
    if (typeof update.message === "string") p.message = update.message.slice(0, 500);
    for (const [name, value] of Object.entries(update.counters ?? {})) if (Number.isFinite(value)) p.counters[name] = value;
    this.events.emit({ type: "progress", jobId: entry.job.id, progress: this.snapshot(entry).progress });
    entry.throttle.request();
  }

  private async finish(entry: ActiveJob, status: JobStatus, result: unknown, error: JobError | null): Promise<void> {
    if (entry.finished) return;
    entry.finished = true;
    entry.throttle.cancel();
    const { job } = entry;
    job.status = status;
    job.result = result;
    job.error = error;
    job.finishedAt = new Date().toISOString();
    if (status === "succeeded") job.progress.fraction = 1;
    if (entry.holdsSlot) {
      entry.holdsSlot = false;
      this.running--;
      this.pump();
    }
    this.logger.info({ job: job.id, kind: job.kind, status, error: error?.message }, `job ${status}`);
    // the event goes out as soon as memory says finished; get() serves memory until the row is written
    this.emitStatus(entry);
    await this.persist(entry);
    this.active.delete(job.id);
    entry.markDone();
  }

  /** Writes the job's current state; a failed write is logged, never thrown into the work. */
  private async persist(entry: ActiveJob): Promise<void> {
    try {
      await this.store.save(this.snapshot(entry));
    } catch (error) {
      this.logger.error({ err: error, job: entry.job.id }, "could not save the job's state");
    }
  }

  private emitStatus(entry: ActiveJob): void {
    this.events.emit({ type: "status", job: this.snapshot(entry) });
  }

  private snapshot(entry: ActiveJob): Job {
    const { job } = entry;
    return { ...job, progress: { ...job.progress, counters: { ...job.progress.counters } }, log: entry.log.toArray() };
  }
}
