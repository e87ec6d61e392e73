/**
 * The JobRunner's executor in queue mode (OPENQUANT_QUEUE=redis): each job goes to the BullMQ
 * queue as a whole, or through its kind's coordinator as pieces (ingestion batches,
 * cross-validation folds). Kinds the workers do not know (registered outside the shared
 * registration) still run in this process, as before.
 */
import type { CheckResult } from "../health.js";
import type { JobHandlers } from "./job-handlers.js";
import type { ExecutableJob, JobExecutor } from "./job-runner.js";
import type { JobContext } from "./job-types.js";
import type { QueueDispatcher } from "./queue-dispatcher.js";
import { type Coordinator, forwardTo, type PartRunner } from "./queue-parts.js";

/** Jobs the sidecar hands to the queue at once: the workers, not the sidecar, limit the real work. */
const QUEUE_SLOTS = 1_000;

/** What the executor needs to know. */
export interface QueueExecutorOptions {
  dispatcher: QueueDispatcher;
  /** The sidecar's handlers, for kinds that stay in this process. */
  handlers: JobHandlers;
  /** Kinds the workers run (those of the shared registration). */
  queuedKinds: readonly string[];
  /** Kinds that run as several pieces. */
  coordinators: Record<string, Coordinator>;
}

/** Runs jobs on the work queue. */
export class QueueExecutor implements JobExecutor {
  readonly concurrency = QUEUE_SLOTS;
  private readonly queued: ReadonlySet<string>;

  constructor(private readonly options: QueueExecutorOptions) {
    this.queued = new Set(options.queuedKinds);
  }

  /** Puts the job (or its pieces) on the queue and resolves with its result. */
  async run(job: ExecutableJob, ctx: JobContext, started: () => void): Promise<unknown> {
    const { handlers, dispatcher, coordinators } = this.options;
    if (!this.queued.has(job.kind)) {
      started();
      return handlers.get(job.kind).run(handlers.parse(job.kind, job.params), ctx);
    }
    const runPart: PartRunner = (part, hooks) => dispatcher.run({ ...part, jobId: job.id }, hooks);
    const coordinator = coordinators[job.kind];
    if (coordinator) return coordinator(job, ctx, started, runPart);
    return runPart({ id: job.id, kind: job.kind, params: job.params }, forwardTo(ctx, started));
  }

  /**
   * Work on the queue outlives the sidecar: after a restart its jobs are run again with the same
   * queue ids, so finished pieces answer from Redis and running ones are followed to their end.
   */
  resumes(kind: string): boolean {
    return this.queued.has(kind);
  }

  /** The queue's health (Redis, counts, connected workers). */
  health(): Promise<CheckResult> {
    return this.options.dispatcher.health();
  }

  /** Closes the queue's connections. */
  close(): Promise<void> {
    return this.options.dispatcher.close();
  }
}
