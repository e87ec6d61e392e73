import { afterEach, describe, expect, it } from "vitest";
import { json } from "../../test/loopback-server.js";
import { loopbackSidecar } from "../../test/loopback-sidecar.js";
import type { JobSummary } from "../schemas/jobs.js";
import { HealthJobsModel } from "./HealthJobsModel.js";

const server = loopbackSidecar();
let model: HealthJobsModel | undefined;

function summary(id: string, status: JobSummary["status"]): JobSummary {
  return {
    id,
    kind: "ingest",
    params: { tickers: ["ACME.SAMPLE"] },
    status,
    progress: { fraction: status === "succeeded" ? 1 : 0.5, message: null, counters: {} },
    error: null,
    trigger: "api",
    createdAt: "2026-11-25T23:00:00.000Z",
    startedAt: "2026-11-25T23:00:00.100Z",
    finishedAt: status === "running" ? null : "2026-11-25T23:00:01.000Z",
    cancelRequested: false,
  };
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

afterEach(() => {
  model?.dispose();
});

describe("HealthJobsModel", () => {
  it("lists GET /jobs with its limit and says whether a job is active", async () => {
    let url = "";
    server.respond = (_req, res) => {
      url = res.req.url ?? "";
      json(res, 200, [summary("b", "running"), summary("a", "succeeded")]);
    };
    model = new HealthJobsModel({ intervalMs: 60_000, limit: 7 });
    const state = await model.refresh();
    expect(state.kind === "ready" && state.jobs.map((j) => [j.id, j.status])).toEqual([
      ["b", "running"],
      ["a", "succeeded"],
    ]);
    expect(new URL(url, "http://x").searchParams.get("limit")).toBe("7");
    expect(model.hasActiveJobs).toBe(true);
  });

  it("polls at the active interval while a job runs, and at the slow one once all have finished", async () => {
    let running = true;
    server.respond = (_req, res) => json(res, 200, [summary("a", running ? "running" : "succeeded")]);
    model = new HealthJobsModel({ intervalMs: 60_000, activeIntervalMs: 20 });
    model.start();
    await until(() => server.requests.length >= 4);
    running = false;
    await until(() => model?.state.kind === "ready" && !model.hasActiveJobs);
    const polled = server.requests.length;
    await new Promise((r) => setTimeout(r, 150));
    // at most the one poll already scheduled at the fast pace when the job finished
    expect(server.requests.length).toBeLessThanOrEqual(polled + 1);
  });

  it("holds the error of an unreachable sidecar", async () => {
    server.respond = (_req, res) => res.writeHead(599).end("HTTP 599: Connection refused");
    model = new HealthJobsModel({ intervalMs: 60_000 });
    const state = await model.refresh();
    expect(state.kind === "error" && state.error.unreachable).toBe(true);
    expect(model.hasActiveJobs).toBe(false);
  });
});
