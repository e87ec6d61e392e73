import type { Schedule, ScheduleInput, SchedulePatch } from "./schedule-spec.js";
import type { ScheduleRun } from "./schedule-store.js";

/** Managing schedules, the same from a notebook (embedded or through the sidecar), REST and the panel. */
export interface ScheduleApi {
  list(): Promise<Schedule[]>;
  get(id: string): Promise<Schedule>;
  create(input: ScheduleInput): Promise<Schedule>;
  update(id: string, patch: SchedulePatch): Promise<Schedule>;
  remove(id: string): Promise<void>;
  /** Runs it now and resolves with the finished run. */
  runNow(id: string): Promise<ScheduleRun>;
  runs(id: string, limit?: number): Promise<ScheduleRun[]>;
}
