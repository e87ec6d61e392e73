import { spawnSync } from "node:child_process";
import { appendFileSync, mkdtempSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InvalidInput, NotFound } from "../errors.js";
import { type NotebookRun, NotebookRunStore } from "./notebook-runs.js";

function run(id: string, startedAt: string, over: Partial<NotebookRun> = {}): NotebookRun {
  return {
    id,
    jobId: null,
    notebook: "a.ipynb",
    parameters: {},
    status: "running",
    trigger: "api",
    startedAt,
    finishedAt: null,
    durationMs: null,
    outputPath: `outputs/a/${id}.ipynb`,
    htmlPath: null,
    error: null,
    scheduleId: null,
    ...over,
  };
}

describe("NotebookRunStore", () => {
  it("keeps the last state of each run, newest first, filtered", async () => {
    const store = new NotebookRunStore(join(mkdtempSync(join(tmpdir(), "oq-runs-")), "sub", "runs.jsonl"));
    expect(await store.list()).toEqual([]);
    await store.save(run("r1", "2026-01-01T00:00:00.000Z"));
    await store.save(run("r2", "2026-01-02T00:00:00.000Z", { notebook: "b.ipynb", scheduleId: "nightly", jobId: "j2" }));
    await store.save(run("r1", "2026-01-01T00:00:00.000Z", { status: "succeeded", durationMs: 1200 }));
    const all = await store.list();
    expect(all.map((r) => [r.id, r.status])).toEqual([
      ["r2", "running"],
      ["r1", "succeeded"],
    ]);
    expect(all[0]).not.toHaveProperty("pid");
    expect((await store.list({ notebook: "a.ipynb" })).map((r) => r.id)).toEqual(["r1"]);
    expect((await store.list({ scheduleId: "nightly" })).map((r) => r.id)).toEqual(["r2"]);
    expect((await store.list({ jobId: "j2" })).map((r) => r.id)).toEqual(["r2"]);
    expect((await store.list({ status: "succeeded" })).map((r) => r.id)).toEqual(["r1"]);
    expect(await store.list({ limit: 1 })).toHaveLength(1);
    expect((await store.get("r1")).durationMs).toBe(1200);
    await expect(store.get("zz")).rejects.toThrow(NotFound);
    await expect(store.list({ limit: 0 })).rejects.toThrow(InvalidInput);
  });

  it("reports a run whose process died while running as failed (Interrupted), and skips a torn line", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "oq-runs-")), "runs.jsonl");
    const dead = spawnSync(process.execPath, ["-e", ""]).pid as number;
    appendFileSync(file, `${JSON.stringify({ ...run("gone", "2026-01-01T00:00:00.000Z"), host: hostname(), pid: dead })}\n{"id":"torn","sta`);
    const store = new NotebookRunStore(file);
    await store.save(run("live", "2026-01-02T00:00:00.000Z"));
    const runs = await store.list();
    expect(runs.map((r) => [r.id, r.status])).toEqual([
      ["live", "running"],
      ["gone", "failed"],
    ]);
    expect(runs[1].error).toMatchObject({ ename: "Interrupted", cellIndex: null });
  });
});
