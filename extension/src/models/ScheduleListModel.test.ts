import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { json } from "../../test/loopback-server.js";
import { loopbackSidecar } from "../../test/loopback-sidecar.js";
import { NOTEBOOKS_UNAVAILABLE, ScheduleListModel } from "./ScheduleListModel.js";

const server = loopbackSidecar();
let model: ScheduleListModel;
let schedules: Array<Record<string, unknown>>;
let runs: Record<string, Array<Record<string, unknown>>>;
let notebooksRoute: boolean;
let releaseRun: (() => void) | undefined;

function schedule(id: string, kind: string, enabled = true) {
  return { id, kind, cron: "0 22 * * 1-5", timezone: "UTC", enabled, params: {}, source: "api", createdAt: "2026-11-25T00:00:00.000Z", updatedAt: "2026-11-25T00:00:00.000Z", nextRun: enabled ? "2026-11-26T22:00:00.000Z" : null };
}

function scheduleRun(id: string, scheduleId: string, status: string, error: string | null = null) {
  return { id, scheduleId, startedAt: "2026-11-25T22:00:00.000Z", finishedAt: "2026-11-25T22:00:01.000Z", status, summary: null, error, trigger: "manual" };
}

beforeEach(() => {
  schedules = [schedule("nightly", "ingest"), schedule("report", "notebook")];
  runs = { nightly: [scheduleRun("r1", "nightly", "failed", "MLflow down")], report: [] };
  notebooksRoute = true;
  server.respond = (req, res) => {
    const p = req.path.replace("/openquant", "");
    if (p === "/notebooks") {
      return notebooksRoute
        ? json(res, 200, { notebooks: [{ path: "05-daily-report.ipynb", parameters: [{ name: "lookbackDays", type: "number", default: 90 }] }] })
        : json(res, 404, { error: { code: "NOT_FOUND", message: "No route GET /notebooks." } });
    }
    if (p === "/notebooks/runs") {
      const nbRun = (id: string, scheduleId: string | null) => ({ id, jobId: "j", notebook: "05-daily-report.ipynb", parameters: {}, status: "succeeded", trigger: "schedule", startedAt: "2026-11-25T00:00:00.000Z", finishedAt: null, durationMs: null, outputPath: null, htmlPath: null, error: null, scheduleId });
      return json(res, 200, { runs: [nbRun("n1", "report"), nbRun("n2", null)] });
    }
    if (p === "/schedules" && req.method === "GET") return json(res, 200, schedules);
    if (p === "/schedules" && req.method === "POST") {
      const body = JSON.parse(req.body) as { cron: string; id?: string; kind: string };
      if (body.cron.endsWith("61")) {
        return json(res, 400, { error: { code: "INVALID_INPUT", message: "Invalid cron expression '0 1 * * 61'", details: [{ path: "cron", message: "CronPattern: Invalid value for dayOfWeek: 61" }] } });
      }
      const created = { ...schedule(body.id ?? "new", body.kind), ...body };
      schedules.push(created);
      return json(res, 201, created);
    }
    const m = /^\/schedules\/([^/]+)(\/runs?)?(?:\/([^/]+))?$/.exec(p);
    if (m) {
      const id = m[1];
      if (m[2] === "/runs" && m[3]) return json(res, 200, (runs[id] ?? []).find((r) => r.id === m[3]));
      if (m[2] === "/runs") return json(res, 200, runs[id] ?? []);
      if (m[2] === "/run") {
        // the run starts at once; it ends when the test releases it
        const started = { ...scheduleRun("r2", id, "running"), finishedAt: null };
        runs[id] = [started, ...(runs[id] ?? [])];
        releaseRun = () => Object.assign(started, scheduleRun("r2", id, "ok"));
        return json(res, 202, started);
      }
      if (req.method === "PUT") {
        const s = schedules.find((x) => x.id === id);
        Object.assign(s ?? {}, JSON.parse(req.body));
        return json(res, 200, s);
      }
      if (req.method === "DELETE" && schedules.some((x) => x.id === id)) {
        schedules = schedules.filter((x) => x.id !== id);
        return void res.writeHead(204).end();
      }
    }
    json(res, 404, { error: { code: "NOT_FOUND", message: `no route ${p}` } });
  };
  model = new ScheduleListModel(10);
});

afterEach(() => model.dispose());

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe("ScheduleListModel", () => {
  it("lists the schedules with their latest run and the runnable notebooks", async () => {
    const state = await model.refresh();
    expect(state.kind === "ready" && state.rows.map((r) => [r.schedule.id, r.lastRun?.status ?? null])).toEqual([
      ["nightly", "failed"],
      ["report", null],
    ]);
    expect(model.notebooks.kind === "available" && model.notebooks.notebooks.map((n) => n.path)).toEqual(["05-daily-report.ipynb"]);
  });

  it("says clearly that notebook schedules need a newer sidecar when GET /notebooks answers 404", async () => {
    notebooksRoute = false;
    await model.refresh();
    expect(model.state.kind).toBe("ready");
    expect(model.notebooks).toEqual({ kind: "unavailable", message: NOTEBOOKS_UNAVAILABLE });
  });

  it("checks the form before sending, then shows the sidecar's cron error next to the cron", async () => {
    await model.refresh();
    model.openCreate();
    model.updateEditor({ cron: "every day", tickers: "" });
    expect(await model.save()).toBe(false);
    expect(Object.keys(model.editor?.errors ?? {}).sort()).toEqual(["cron", "tickers"]);
    expect(server.requests.some((r) => r.method === "POST")).toBe(false);

    model.updateEditor({ cron: "0 1 * * 61", tickers: "ACME.SAMPLE" });
    expect(model.editor?.errors).toEqual({});
    expect(await model.save()).toBe(false);
    expect(model.editor?.errors).toEqual({ cron: "CronPattern: Invalid value for dayOfWeek: 61" });
    expect(model.editor?.message).toMatch(/Invalid cron expression/);

    model.updateEditor({ cron: "0 1 * * 5", id: "weekly" });
    expect(await model.save()).toBe(true);
    expect(model.editor).toBeUndefined();
    expect(JSON.parse(server.requests.filter((r) => r.method === "POST").at(-1)?.body ?? "")).toEqual({
      id: "weekly",
      kind: "ingest",
      cron: "0 1 * * 5",
      timezone: "UTC",
      enabled: true,
      params: { tickers: ["ACME.SAMPLE"], provider: "sample" },
    });
    expect(model.state.kind === "ready" && model.state.rows.map((r) => r.schedule.id)).toContain("weekly");
  });

  it("edits a schedule with PUT and without its id", async () => {
    schedules[0].params = { tickers: ["ACME.SAMPLE"], provider: "sample" };
    await model.refresh();
    model.openEdit("nightly");
    model.updateEditor({ cron: "30 6 * * *" });
    expect(await model.save()).toBe(true);
    const put = server.requests.find((r) => r.method === "PUT");
    expect(put?.path).toBe("/openquant/schedules/nightly");
    expect(JSON.parse(put?.body ?? "")).toEqual({ kind: "ingest", cron: "30 6 * * *", timezone: "UTC", enabled: true, params: { tickers: ["ACME.SAMPLE"], provider: "sample" } });
  });

  it("pauses, resumes and deletes", async () => {
    await model.refresh();
    await model.setEnabled("nightly", false);
    expect(model.state.kind === "ready" && model.state.rows[0].schedule.enabled).toBe(false);
    await model.setEnabled("nightly", true);
    expect(model.state.kind === "ready" && model.state.rows[0].schedule.enabled).toBe(true);
    await model.remove("nightly");
    expect(model.state.kind === "ready" && model.state.rows.map((r) => r.schedule.id)).toEqual(["report"]);
    await model.remove("ghost");
    expect(model.actionError).toMatch(/no route|ghost/);
  });

  it("runs a schedule now: starts it, follows the run while it is running, then shows its outcome", async () => {
    await model.refresh();
    const pending = model.run("nightly");
    await until(() => releaseRun !== undefined);
    // the panel keeps asking how the run is going, without holding a request open
    await until(() => server.requests.filter((r) => r.path === "/openquant/schedules/nightly/runs/r2").length >= 2);
    expect(model.runNow?.job).toMatchObject({ status: "running", progress: { fraction: 0 } });
    releaseRun?.();
    const done = await pending;
    expect(done.run?.status).toBe("ok");
    expect(done.job).toMatchObject({ id: "r2", status: "succeeded", progress: { fraction: 1 }, error: null });
    expect(server.requests.find((r) => r.method === "POST")?.query).toBe("?wait=false");
    expect(model.state.kind === "ready" && model.state.rows[0].lastRun?.id).toBe("r2");
    releaseRun = undefined;
  });

  it("shows a notebook schedule's history with its executed notebooks only", async () => {
    await model.refresh();
    const history = await model.showHistory("report");
    expect(history.kind === "ready" && history.notebookRuns?.map((r) => r.id)).toEqual(["n1"]);
    const ingest = await model.showHistory("nightly");
    expect(ingest.kind === "ready" && [ingest.runs.map((r) => r.status), ingest.notebookRuns]).toEqual([["failed"], null]);
  });
});
