/**
 * What travels through the work queue besides the params: the data of a queued job, and the
 * progress messages a worker sends back (BullMQ's job progress carries them to the sidecar's
 * QueueEvents), batched so a chatty job costs a few Redis writes a second, not one per line.
 */
import { z } from "zod";
import { Throttle } from "./job-throttle.js";
import type { ProgressUpdate } from "./job-types.js";

/** The data of a job on the queue (its BullMQ name is the job kind). */
export interface QueueJobData {
  /** The sidecar's job this work belongs to (a batch or fold has its own queue id). */
  jobId: string;
  /** The params as submitted; the worker validates them with the kind's handler. */
  params: unknown;
}

/** A worker's report of progress and log lines since its last message. */
export interface ProgressMessage {
  progress?: ProgressUpdate;
  log?: string[];
}

const progressUpdateSchema = z
  .object({ fraction: z.number().optional(), message: z.string().optional(), counters: z.record(z.string(), z.number()).optional() })
  .strip();

/** Validates what arrives as job progress: anything else (e.g. a number from a foreign producer) is ignored. */
export const progressMessageSchema = z.object({ progress: progressUpdateSchema.optional(), log: z.array(z.string()).optional() }).strip();

/** Merges progress updates: later fields win, counters merge by name. */
export function mergeProgress(into: ProgressUpdate | undefined, update: ProgressUpdate): ProgressUpdate {
  const merged: ProgressUpdate = { ...into };
  if (update.fraction !== undefined) merged.fraction = update.fraction;
  if (update.message !== undefined) merged.message = update.message;
  if (update.counters) merged.counters = { ...into?.counters, ...update.counters };
  return merged;
}

/** Lines kept between two messages; a job logging faster loses the oldest (the sidecar keeps a tail anyway). */
const MAX_PENDING_LINES = 500;

/**
 * Collects a job's progress and log lines and sends them at most once per `intervalMs` (the first
 * at once). `flush()` sends what is pending and waits for every send, before the job's result goes.
 */
export class ProgressRelay {
  private pending: ProgressMessage = {};
  private readonly throttle: Throttle;
  private sending: Promise<void> = Promise.resolve();

  constructor(
    private readonly send: (message: ProgressMessage) => Promise<void>,
    intervalMs = 250,
    private readonly onError: (error: unknown) => void = () => {},
  ) {
    this.throttle = new Throttle(intervalMs, () => this.fire());
  }

  /** Records a progress update. */
  progress(update: ProgressUpdate): void {
    this.pending.progress = mergeProgress(this.pending.progress, update);
    this.throttle.request();
  }

  /** Records one log line. */
  log(line: string): void {
    const lines = this.pending.log ?? [];
    lines.push(line);
    if (lines.length > MAX_PENDING_LINES) lines.splice(0, lines.length - MAX_PENDING_LINES);
    this.pending.log = lines;
    this.throttle.request();
  }

  /** Sends what is pending now and resolves once every message has been sent. */
  async flush(): Promise<void> {
    this.throttle.cancel();
    this.fire();
    await this.sending;
  }

  private fire(): void {
    if (!this.pending.progress && !this.pending.log) return;
    const message = this.pending;
    this.pending = {};
    // messages go out in order: each send waits for the one before
    this.sending = this.sending.then(() => this.send(message)).catch(this.onError);
  }
}

/** What a worker has done so far. */
export interface QueueWorkerStats {
  name: string;
  running: number;
  completed: number;
  failed: number;
}
