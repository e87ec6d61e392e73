/**
 * The Health panel's list of running and recent jobs: polls GET /jobs, every second while a job is
 * queued or running (so progress moves live), else at the panel's refresh interval.
 */
import type { IDisposable } from "@lumino/disposable";
import { type ISignal, Signal } from "@lumino/signaling";
import { type ApiError, toApiError } from "../api.js";
import { listJobs } from "../endpoints/jobs.js";
import { isFinished, type JobSummary } from "../schemas/jobs.js";

/** Nothing yet, the latest jobs (newest first), or why they could not be read. */
export type HealthJobsState =
  | { kind: "loading" }
  | { kind: "ready"; jobs: JobSummary[]; checkedAt: Date }
  | { kind: "error"; error: ApiError; checkedAt: Date };

/** Options of a HealthJobsModel. */
export interface HealthJobsModelOptions {
  /** Time between polls while no job is active. */
  intervalMs: number;
  /** Time between polls while a job is queued or running (default 1000 ms). */
  activeIntervalMs?: number;
  /** How many jobs to list (default 20). */
  limit?: number;
  /** Fetches the jobs; GET /jobs by default. */
  fetchJobs?: (limit: number) => Promise<JobSummary[]>;
}

/** Polls the job list while started. */
export class HealthJobsModel implements IDisposable {
  private _state: HealthJobsState = { kind: "loading" };
  private readonly _changed = new Signal<this, HealthJobsState>(this);
  private readonly _fetch: (limit: number) => Promise<JobSummary[]>;
  private readonly _limit: number;
  private readonly _activeIntervalMs: number;
  private _intervalMs: number;
  private _polling = false;
  private _timer: ReturnType<typeof setTimeout> | undefined;
  private _inFlight: Promise<HealthJobsState> | undefined;
  private _disposed = false;

  constructor(options: HealthJobsModelOptions) {
    this._intervalMs = options.intervalMs;
    this._activeIntervalMs = options.activeIntervalMs ?? 1000;
    this._limit = options.limit ?? 20;
    this._fetch = options.fetchJobs ?? ((limit) => listJobs({ limit }));
  }

  /** The latest state. */
  get state(): HealthJobsState {
    return this._state;
  }

  /** Emits the new state after every poll. */
  get changed(): ISignal<this, HealthJobsState> {
    return this._changed;
  }

  /** Time between polls while no job is active. */
  set intervalMs(value: number) {
    this._intervalMs = value;
  }

  /** True while a job of the latest list is queued or running. */
  get hasActiveJobs(): boolean {
    return this._state.kind === "ready" && this._state.jobs.some((job) => !isFinished(job));
  }

  /** True once disposed. */
  get isDisposed(): boolean {
    return this._disposed;
  }

  /** Polls now (joining a poll under way). */
  refresh(): Promise<HealthJobsState> {
    if (this._disposed) return Promise.resolve(this._state);
    this._inFlight ??= this._check().finally(() => {
      this._inFlight = undefined;
      if (this._polling) this._schedule();
    });
    return this._inFlight;
  }

  /** Starts polling. */
  start(): void {
    if (this._polling || this._disposed) return;
    this._polling = true;
    void this.refresh();
  }

  /** Stops polling. */
  stop(): void {
    this._polling = false;
    clearTimeout(this._timer);
    this._timer = undefined;
  }

  /** Stops and disconnects listeners. */
  dispose(): void {
    if (this._disposed) return;
    this.stop();
    this._disposed = true;
    Signal.clearData(this);
  }

  private async _check(): Promise<HealthJobsState> {
    let next: HealthJobsState;
    try {
      next = { kind: "ready", jobs: await this._fetch(this._limit), checkedAt: new Date() };
    } catch (error) {
      next = { kind: "error", error: toApiError(error), checkedAt: new Date() };
    }
    if (this._disposed) return this._state;
    this._state = next;
    this._changed.emit(next);
    return next;
  }

  private _schedule(): void {
    clearTimeout(this._timer);
    const wait = this.hasActiveJobs ? this._activeIntervalMs : this._intervalMs;
    this._timer = setTimeout(() => void this.refresh(), wait);
  }
}
