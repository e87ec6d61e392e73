import { afterEach, describe, expect, it } from "vitest";
import { json } from "../../test/loopback-server.js";
import { loopbackSidecar } from "../../test/loopback-sidecar.js";
import type { Job } from "../schemas/jobs.js";
import { JobWatcher } from "./JobWatcher.js";

const server = loopbackSidecar();
let watcher: JobWatcher | undefined;

function job(status: Job["status"], fraction: number, extra: Partial<Job> = {}): Job {
  return {
    id: "job-1",
    kind: "ingest",
    params: { tickers: ["ACME.SAMPLE"] },
    status,
    progress: { fraction, message: `${Math.round(fraction * 2)}/2 tickers`, counters: { done: Math.round(fraction * 2), total: 2 } },
    error: null,
    trigger: "api",
    createdAt: "2026-11-25T23:00:00.000Z",
    startedAt: status === "queued" ? null : "2026-11-25T23:00:00.100Z",
    finishedAt: status === "succeeded" || status === "failed" ? "2026-11-25T23:00:01.000Z" : null,
    cancelRequested: false,
    result: null,
    log: [],
    ...extra,
  };
}

/** Answers GET /jobs/job-1 with each of `answers` in turn, then the last one forever. */
function sequence(answers: Job[]): void {
  let i = 0;
  server.respond = (_req, res) => json(res, 200, answers[Math.min(i++, answers.length - 1)]);
}

afterEach(() => {
  watcher?.dispose();
  watcher = undefined;
});

describe("JobWatcher", () => {
  it("polls GET /jobs/{id}, emits each change once and stops when the job has finished", async () => {
    const running = job("running", 0.5);
    sequence([job("queued", 0), running, running, running, job("succeeded", 1, { result: { inserted: 10 } })]);
    watcher = new JobWatcher("job-1", { intervalMs: 10 });
    const seen: string[] = [];
    watcher.changed.connect((_, j) => seen.push(`${j.status}:${j.progress.fraction}`));
    const done = await watcher.done;

    expect(done.status).toBe("succeeded");
    expect(done.result).toEqual({ inserted: 10 });
    // The three identical "running" answers are one change.
    expect(seen).toEqual(["queued:0", "running:0.5", "succeeded:1"]);
    expect(server.requests).toHaveLength(5);
    expect(server.requests.every((r) => r.method === "GET" && r.path === "/openquant/jobs/job-1")).toBe(true);
    expect(watcher.finished).toBe(true);
    await new Promise((r) => setTimeout(r, 60));
    expect(server.requests).toHaveLength(5);
  });

  it("keeps polling through a failed poll and reports it on `failed`", async () => {
    let calls = 0;
    server.respond = (_req, res) => {
      calls++;
      if (calls === 1) res.writeHead(599).end("HTTP 599: Connection refused");
      else json(res, 200, job("failed", 0.5, { error: { code: "UNAVAILABLE", message: "the provider is down" } }));
    };
    watcher = new JobWatcher("job-1", { intervalMs: 10 });
    const failures: string[] = [];
    watcher.failed.connect((_, e) => failures.push(e.code));
    const done = await watcher.done;
    expect(failures).toEqual(["UNREACHABLE"]);
    expect(done.error?.message).toBe("the provider is down");
    expect(watcher.error).toBeUndefined();
  });

  it("rejects `done` when the job does not exist", async () => {
    server.respond = (_req, res) => json(res, 404, { error: { code: "NOT_FOUND", message: "No job 'job-1'.", details: [] } });
    watcher = new JobWatcher("job-1", { intervalMs: 10 });
    await expect(watcher.done).rejects.toMatchObject({ code: "NOT_FOUND", message: "No job 'job-1'." });
    await new Promise((r) => setTimeout(r, 50));
    expect(server.requests).toHaveLength(1);
  });

  it("stops polling and emits nothing after dispose", async () => {
    sequence([job("running", 0.1), job("running", 0.2), job("running", 0.3)]);
    watcher = new JobWatcher("job-1", { intervalMs: 10 });
    const seen: number[] = [];
    watcher.changed.connect((_, j) => seen.push(j.progress.fraction));
    await new Promise((r) => setTimeout(r, 40));
    watcher.dispose();
    const polled = server.requests.length;
    const emitted = seen.length;
    await new Promise((r) => setTimeout(r, 60));
    expect(server.requests.length).toBeLessThanOrEqual(polled + 1);
    expect(seen.length).toBe(emitted);
    expect(watcher.isDisposed).toBe(true);
  });
});
