/** ScheduleApi through the running sidecar (client mode). */
import type { SidecarClient } from "../util/sidecar-client.js";
import type { ScheduleApi } from "./schedule-api.js";
import type { Schedule, ScheduleInput, SchedulePatch } from "./schedule-spec.js";
import type { ScheduleRun } from "./schedule-store.js";

const path = (id: string) => `/schedules/${encodeURIComponent(id)}`;

export class HttpSchedules implements ScheduleApi {
  constructor(private readonly client: SidecarClient) {}
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
  runNow(id: string): Promise<ScheduleRun> {
    return this.client.request("POST", `${path(id)}/run`);
  }
  runs(id: string, limit?: number): Promise<ScheduleRun[]> {
    return this.client.request("GET", `${path(id)}/runs`, undefined, { limit });
  }
}
