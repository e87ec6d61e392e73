import { describe, expect, it } from "vitest";
import { json } from "../../test/loopback-server.js";
import { loopbackSidecar } from "../../test/loopback-sidecar.js";
import { ApiError } from "../api.js";
import { createSchedule, deleteSchedule, fetchScheduleRun, fetchScheduleRuns, getSchedule, listSchedules, startScheduleRun, updateSchedule } from "./schedules.js";

const server = loopbackSidecar();

const nightly = {
  id: "nightly",
  kind: "ingest",
  cron: "0 22 * * 1-5",
  timezone: "UTC",
  enabled: true,
  params: { tickers: ["ACME.SAMPLE"], provider: "sample" },
  source: "api",
  createdAt: "2026-11-25T10:00:00.000Z",
  updatedAt: "2026-11-25T10:00:00.000Z",
  nextRun: "2026-11-25T22:00:00.000Z",
};

const okRun = {
  id: "run-1",
  scheduleId: "nightly",
  startedAt: "2026-11-25T22:00:00.000Z",
  finishedAt: "2026-11-25T22:00:01.000Z",
  status: "ok",
  summary: { totals: { inserted: 3 } },
  error: null,
  trigger: "manual",
};

describe("schedule endpoints", () => {
  it("lists, reads, creates, changes, deletes, runs and reads runs at the documented paths", async () => {
    server.respond = (req, res) => {
      if (req.method === "DELETE") return void res.writeHead(204).end();
      if (req.path.endsWith("/run")) return json(res, 202, { ...okRun, status: "running", finishedAt: null });
      if (req.path.endsWith(`/runs/${okRun.id}`)) return json(res, 200, okRun);
      if (req.path.endsWith("/runs")) return json(res, 200, [okRun]);
      if (req.method === "GET" && req.path === "/openquant/schedules") return json(res, 200, [nightly]);
      return json(res, req.method === "POST" ? 201 : 200, { ...nightly, enabled: req.method !== "PUT" });
    };
    await expect(listSchedules()).resolves.toEqual([nightly]);
    await expect(getSchedule("nightly")).resolves.toEqual(nightly);
    const input = { kind: "ingest" as const, cron: "0 22 * * 1-5", timezone: "UTC", enabled: true, params: nightly.params };
    await expect(createSchedule(input)).resolves.toMatchObject({ id: "nightly" });
    await expect(updateSchedule("nightly", { enabled: false })).resolves.toMatchObject({ enabled: false });
    await expect(deleteSchedule("nightly")).resolves.toBeUndefined();
    await expect(startScheduleRun("nightly")).resolves.toEqual({ ...okRun, status: "running", finishedAt: null });
    await expect(fetchScheduleRun("nightly", okRun.id)).resolves.toEqual(okRun);
    await expect(fetchScheduleRuns("nightly", 1)).resolves.toEqual([okRun]);
    // Jupyter's `?<timestamp>` cache-buster (under no-store) is harmless where a route reads no query; the
    // run's route has a strict one, so its request is sent without it
    expect(server.requests.find((r) => r.path.endsWith("/run"))?.query).toBe("?wait=false");
    expect(server.requests.map((r) => `${r.method} ${r.path}${r.query.replace(/^\?\d+$/, "")}`)).toEqual([
      "GET /openquant/schedules",
      "GET /openquant/schedules/nightly",
      "POST /openquant/schedules",
      "PUT /openquant/schedules/nightly",
      "DELETE /openquant/schedules/nightly",
      "POST /openquant/schedules/nightly/run?wait=false",
      `GET /openquant/schedules/nightly/runs/${okRun.id}`,
      "GET /openquant/schedules/nightly/runs?limit=1",
    ]);
    expect(JSON.parse(server.requests[2].body)).toEqual(input);
    expect(JSON.parse(server.requests[3].body)).toEqual({ enabled: false });
  });

  it("rejects a run with an unknown status as a bad response", async () => {
    server.respond = (_req, res) => json(res, 200, [{ ...okRun, status: "exploded" }]);
    await expect(fetchScheduleRuns("nightly")).rejects.toMatchObject({ code: "BAD_RESPONSE" });
  });

  it("passes the cron's error and its field on", async () => {
    const details = [{ path: "cron", message: "CronPattern: Invalid value for dayOfWeek: 61" }];
    server.respond = (_req, res) => json(res, 400, { error: { code: "INVALID_INPUT", message: "Invalid cron expression", details } });
    const error = await createSchedule({ kind: "ingest", cron: "0 1 * * 61", timezone: "UTC", enabled: true, params: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: "INVALID_INPUT", details });
  });
});
