import type { Schedule, ScheduleInput, SchedulePatch } from "./schedule-spec.js";
import type { ScheduleRun } from "./schedule-store.js";

/** Managing schedules, the same from a notebook (embedded or through the sidecar), REST and the panel. */
export interface ScheduleApi {
  list(): Promise<Schedule[]>;
  get(id: string): Promise<Schedule>;
  create(input: ScheduleInput): Promise<Schedule>;
  update(id: string, patch: SchedulePatch): Promise<Schedule>;
  remove(id: string): Promise<void>;
  /**
   * Runs it now and resolves with the finished run; with `{ wait: false }`, resolves as soon as the
   * run has started (status "running", or "skipped" when the previous run is still going) while it goes on.
   */
  runNow(id: string, options?: RunNowOptions): Promise<ScheduleRun>;
  runs(id: string, limit?: number): Promise<ScheduleRun[]>;
  /** One run of the schedule (NotFound when it has no such run). */
  getRun(id: string, runId: string): Promise<ScheduleRun>;
}

/** How runNow answers. */
export interface RunNowOptions {
  /** Resolve once the run has finished (default true), or once it has started. */
  wait?: boolean;
}
