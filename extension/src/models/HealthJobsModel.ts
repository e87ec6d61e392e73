/**
 * The Health panel's list of running and recent jobs: polls GET /jobs, every second while a job is
 * queued or running (so progress moves live), else at the panel's refresh interval.
 */
import { listJobs } from "../endpoints/jobs.js";
import { isFinished, type JobSummary } from "../schemas/jobs.js";
import { PollingModel, type PollState } from "./PollingModel.js";

type Ready = { kind: "ready"; jobs: JobSummary[]; checkedAt: Date };

/** Nothing yet, the latest jobs (newest first), or why they could not be read. */
export type HealthJobsState = PollState<Ready>;

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
export class HealthJobsModel extends PollingModel<Ready> {
  private readonly _fetch: (limit: number) => Promise<JobSummary[]>;
  private readonly _limit: number;
  private readonly _activeIntervalMs: number;

  constructor(options: HealthJobsModelOptions) {
    super(options.intervalMs);
    this._activeIntervalMs = options.activeIntervalMs ?? 1000;
    this._limit = options.limit ?? 20;
    this._fetch = options.fetchJobs ?? ((limit) => listJobs({ limit }));
  }

  /** True while a job of the latest list is queued or running. */
  get hasActiveJobs(): boolean {
    const state = this.state;
    return state.kind === "ready" && state.jobs.some((job) => !isFinished(job));
  }

  protected async read(): Promise<Ready> {
    return { kind: "ready", jobs: await this._fetch(this._limit), checkedAt: new Date() };
  }

  protected override nextWaitMs(): number {
    return this.hasActiveJobs ? this._activeIntervalMs : this.intervalMs;
  }
}
