/**
 * Follows one job by id: polls GET /jobs/{id} about every second and emits the job whenever it
 * changed, until it is finished. Components render `job` and re-render on `changed`.
 */
import type { IDisposable } from "@lumino/disposable";
import { type ISignal, Signal } from "@lumino/signaling";
import { type ApiError, toApiError } from "../api.js";
import { getJob } from "../endpoints/jobs.js";
import { isFinished, type Job } from "../schemas/jobs.js";

/** Options of a JobWatcher. */
export interface JobWatcherOptions {
  /** Time between two polls (default 1000 ms). */
  intervalMs?: number;
  /** Fetches the job; GET /jobs/{id} by default. */
  fetchJob?: (id: string) => Promise<Job>;
}

// What makes two answers "the same" for a viewer: status, progress, error, result.
function fingerprint(job: Job): string {
  return JSON.stringify([job.status, job.progress, job.error, job.cancelRequested, job.result ?? null, job.log?.length ?? 0]);
}

/** Watches one job until it finishes; starts polling at once. */
export class JobWatcher implements IDisposable {
  /** The id of the job followed. */
  readonly jobId: string;
  private _job: Job | undefined;
  private _error: ApiError | undefined;
  private _fingerprint = "";
  private readonly _changed = new Signal<this, Job>(this);
  private readonly _failed = new Signal<this, ApiError>(this);
  private readonly _intervalMs: number;
  private readonly _fetch: (id: string) => Promise<Job>;
  private _timer: ReturnType<typeof setTimeout> | undefined;
  private _disposed = false;
  private readonly _done: Promise<Job>;
  private _resolveDone: (job: Job) => void = () => undefined;
  private _rejectDone: (error: ApiError) => void = () => undefined;

  constructor(jobId: string, options: JobWatcherOptions = {}) {
    this.jobId = jobId;
    this._intervalMs = options.intervalMs ?? 1000;
    this._fetch = options.fetchJob ?? getJob;
    this._done = new Promise<Job>((resolve, reject) => {
      this._resolveDone = resolve;
      this._rejectDone = reject;
    });
    // Nobody may be awaiting `done`; an unobserved rejection must not surface as an error.
    this._done.catch(() => undefined);
    void this._poll();
  }

  /** The latest answer; undefined until the first one arrives. */
  get job(): Job | undefined {
    return this._job;
  }

  /** The latest failed poll, cleared by the next successful one. */
  get error(): ApiError | undefined {
    return this._error;
  }

  /** Emits the job after every change of status, progress, error or result. */
  get changed(): ISignal<this, Job> {
    return this._changed;
  }

  /** Emits when a poll fails; polling goes on unless the job does not exist (NOT_FOUND). */
  get failed(): ISignal<this, ApiError> {
    return this._failed;
  }

  /** Resolves with the finished job; rejects when the job is not found. */
  get done(): Promise<Job> {
    return this._done;
  }

  /** True once the job reached a final status. */
  get finished(): boolean {
    return this._job !== undefined && isFinished(this._job);
  }

  /** True once disposed. */
  get isDisposed(): boolean {
    return this._disposed;
  }

  /** Stops polling and disconnects listeners. */
  dispose(): void {
    if (this._disposed) return;
    this._disposed = true;
    clearTimeout(this._timer);
    this._timer = undefined;
    Signal.clearData(this);
  }

  private async _poll(): Promise<void> {
    this._timer = undefined;
    let job: Job;
    try {
      job = await this._fetch(this.jobId);
    } catch (caught) {
      if (this._disposed) return;
      const error = toApiError(caught);
      this._error = error;
      this._failed.emit(error);
      if (error.code === "NOT_FOUND") {
        this._rejectDone(error);
        return;
      }
      this._schedule();
      return;
    }
    if (this._disposed) return;
    this._error = undefined;
    const print = fingerprint(job);
    if (print !== this._fingerprint) {
      this._fingerprint = print;
      this._job = job;
      this._changed.emit(job);
    }
    if (isFinished(job)) {
      this._resolveDone(job);
      return;
    }
    this._schedule();
  }

  private _schedule(): void {
    this._timer = setTimeout(() => void this._poll(), this._intervalMs);
  }
}
