/** Typed calls of the sidecar's /schedules routes; the Schedules panel's only way to reach them. */
import { requestAPI } from "../api.js";
import { GET } from "./get.js";
import {
  type Schedule,
  type ScheduleInput,
  type SchedulePatch,
  type ScheduleRun,
  ScheduleRunSchema,
  ScheduleRunsSchema,
  ScheduleSchema,
  SchedulesSchema,
} from "../schemas/schedules.js";

const schedulePath = (id: string) => `schedules/${encodeURIComponent(id)}`;

/** GET /schedules: every schedule with its next fire time. */
export function listSchedules(): Promise<Schedule[]> {
  return requestAPI("schedules", GET, { schema: SchedulesSchema });
}

/** GET /schedules/{id} */
export function getSchedule(id: string): Promise<Schedule> {
  return requestAPI(schedulePath(id), GET, { schema: ScheduleSchema });
}

/** POST /schedules: creates a schedule; the sidecar checks the cron's meaning and the kind's params. */
export function createSchedule(input: ScheduleInput): Promise<Schedule> {
  return requestAPI("schedules", { method: "POST", body: JSON.stringify(input) }, { schema: ScheduleSchema });
}

/** PUT /schedules/{id}: changes the given fields (pause with `{ enabled: false }`). */
export function updateSchedule(id: string, patch: SchedulePatch): Promise<Schedule> {
  return requestAPI(schedulePath(id), { method: "PUT", body: JSON.stringify(patch) }, { schema: ScheduleSchema });
}

/** DELETE /schedules/{id} */
export async function deleteSchedule(id: string): Promise<void> {
  await requestAPI(schedulePath(id), { method: "DELETE" });
}

/** POST /schedules/{id}/run?wait=false: starts a run now; the sidecar answers at once with it (running, or skipped). */
export function startScheduleRun(id: string): Promise<ScheduleRun> {
  // no-cache, as GET: without Jupyter's `&<timestamp>` cache-buster, which the route's strict query would refuse
  return requestAPI(`${schedulePath(id)}/run?wait=false`, { method: "POST", cache: "no-cache" }, { schema: ScheduleRunSchema });
}

/** GET /schedules/{id}/runs/{runId}: one run, to follow it until it ends. */
export function fetchScheduleRun(id: string, runId: string): Promise<ScheduleRun> {
  return requestAPI(`${schedulePath(id)}/runs/${encodeURIComponent(runId)}`, GET, { schema: ScheduleRunSchema });
}

/** GET /schedules/{id}/runs: the schedule's runs, newest first. */
export function fetchScheduleRuns(id: string, limit = 50): Promise<ScheduleRun[]> {
  return requestAPI(`${schedulePath(id)}/runs?limit=${limit}`, GET, { schema: ScheduleRunsSchema });
}
