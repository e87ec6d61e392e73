/** ScheduleApi through the running sidecar (client mode). */
import { setTimeout as sleep } from "node:timers/promises";
import type { SidecarClient } from "../util/sidecar-client.js";
import type { RunNowOptions, ScheduleApi } from "./schedule-api.js";
import type { Schedule, ScheduleInput, SchedulePatch } from "./schedule-spec.js";
import type { ScheduleRun } from "./schedule-store.js";

const path = (id: string) => `/schedules/${encodeURIComponent(id)}`;

export class HttpSchedules implements ScheduleApi {
  constructor(
    private readonly client: SidecarClient,
    /** Time between two reads of a run being waited for. */
    private readonly pollMs = 1_000,
  ) {}
  list(): Promise<Schedule[]> {
    return this.client.request("GET", "/schedules");
  }
  get(id: string): Promise<Schedule> {
    return this.client.request("GET", path(id));
  }
  create(input: ScheduleInput): Promise<Schedule> {
    return this.client.request("POST", "/schedules", input);
  }
  update(id: string, patch: SchedulePatch): Promise<Schedule> {
    return this.client.request("PUT", path(id), patch);
  }
  async remove(id: string): Promise<void> {
    await this.client.request("DELETE", path(id));
  }
  /** Starts the run, then (unless `wait: false`) follows it until it ends: no request stays open through a long run. */
  async runNow(id: string, options: RunNowOptions = {}): Promise<ScheduleRun> {
    let run = await this.client.request<ScheduleRun>("POST", `${path(id)}/run`, undefined, { wait: "false" });
    if (options.wait === false) return run;
    while (run.status === "running") {
      await sleep(this.pollMs);
      run = await this.getRun(id, run.id);
    }
    return run;
  }
  runs(id: string, limit?: number): Promise<ScheduleRun[]> {
    return this.client.request("GET", `${path(id)}/runs`, undefined, { limit });
  }
  getRun(id: string, runId: string): Promise<ScheduleRun> {
    return this.client.request("GET", `${path(id)}/runs/${encodeURIComponent(runId)}`);
  }
}
