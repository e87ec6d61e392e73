/**
 * The notebook runner behind kernel-lib's doors, with the real tslab kernel: the `notebook` job
 * (progress, result, cancellation), the `notebook` schedule kind (checked when saved, run now),
 * oq.runNotebook / oq.notebookRuns, and the concurrency limit.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadSettings } from "../src/config/load.js";
import { InvalidInput } from "../src/errors.js";
import type { JobRunner } from "../src/jobs/job-runner.js";
import type { NotebookRun } from "../src/jobs/notebook-runs.js";
import { type OpenQuant, openQuant } from "../src/openquant.js";

const fixtures = new URL("./fixtures/notebooks/", import.meta.url).pathname;

let oq: OpenQuant;
let jobs: JobRunner;

beforeAll(async () => {
  const base = mkdtempSync(join(tmpdir(), "oq-nbjobs-"));
  const notebooks = join(base, "notebooks");
  mkdirSync(notebooks);
  for (const f of ["params.ipynb", "slow.ipynb"]) copyFileSync(join(fixtures, f), join(notebooks, f));
  const settings = loadSettings({
    home: inject("home"),
    env: {
      OPENQUANT_NOTEBOOKS_DIR: notebooks,
      OPENQUANT_OUTPUTS_DIR: join(base, "outputs"),
      OPENQUANT_DATA_DIR: join(base, "data"),
      OPENQUANT_LOG_DIR: join(base, "logs"),
      OPENQUANT_LOG_LEVEL: "warn",
      OPENQUANT_VENV: inject("venvDir"),
      OPENQUANT_NOTEBOOK_CONCURRENCY: "1",
      OPENQUANT_JOB_CONCURRENCY: "4",
      MLFLOW_TRACKING_URI: inject("mlflowUrl"),
    },
  });
  oq = await openQuant({ settings, component: "test", mode: "embedded" });
  jobs = oq.jobs as JobRunner;
});

afterAll(async () => {
  await oq?.close();
});

const printed = (run: NotebookRun) => {
  const cells = (JSON.parse(readFileSync(run.outputPath as string, "utf8")) as { cells: { outputs?: { name?: string; text?: string | string[] }[] }[] }).cells;
  return cells
    .flatMap((c) => c.outputs ?? [])
    .filter((o) => o.name === "stdout")
    .map((o) => (Array.isArray(o.text) ? o.text.join("") : o.text))
    .join("");
};

describe("notebook jobs and schedules (real tslab kernel)", () => {
  it("runs a notebook job with progress and the run record as its result", async () => {
    const submitted = await jobs.submit("notebook", { notebook: "params.ipynb", parameters: { ticker: "JOB.SAMPLE" } }, { trigger: "test" });
    const job = await jobs.wait(submitted.id);
    expect(job.error).toBeNull();
    expect(job.status).toBe("succeeded");
    const run = job.result as NotebookRun;
    expect(run).toMatchObject({ status: "succeeded", jobId: job.id, trigger: `job:${job.id}`, parameters: { ticker: "JOB.SAMPLE" } });
    expect(job.progress.fraction).toBe(1);
    expect(job.log.some((l) => l.includes("running params.ipynb"))).toBe(true);
    expect(JSON.parse(printed(run))).toMatchObject({ ticker: "JOB.SAMPLE", doubled: 20 });
    expect((await oq.notebookRuns({ jobId: job.id })).map((r) => r.id)).toEqual([run.id]);
  });

  it("refuses a job or a schedule whose parameter has the wrong type, when submitted or saved", async () => {
    await expect(jobs.submit("notebook", { notebook: "params.ipynb", parameters: { lookback: "ten" } })).rejects.toThrow(/'lookback' expects a number/);
    await expect(jobs.submit("notebook", { notebook: "../params.ipynb" })).rejects.toThrow(InvalidInput);
    const schedules = oq.schedules;
    await expect(
      schedules.create({ kind: "notebook", cron: "0 6 * * *", params: { notebook: "params.ipynb", parameters: { verbose: "yes" } } }),
    ).rejects.toThrow(/'verbose' expects a boolean/);
    await expect(schedules.create({ kind: "notebook", cron: "0 6 * * *", params: { notebook: "gone.ipynb" } })).rejects.toThrow(/No notebook 'gone.ipynb'/);
  });

  it("a notebook schedule run now records the run under the schedule", async () => {
    const schedule = await oq.schedules.create({
      id: "params-nightly",
      kind: "notebook",
      cron: "0 6 * * 1-5",
      timezone: "Europe/London",
      params: { notebook: "params.ipynb", parameters: { lookback: 7, note: "scheduled" } },
    });
    const fired = await oq.schedules.runNow(schedule.id);
    expect(fired.status).toBe("ok");
    const [run] = await oq.notebookRuns({ scheduleId: schedule.id });
    expect(run).toMatchObject({ status: "succeeded", scheduleId: schedule.id, trigger: `schedule:${schedule.id}`, jobId: null });
    expect((fired.summary as { runId: string }).runId).toBe(run.id);
    expect(JSON.parse(printed(run))).toMatchObject({ doubled: 14, note: "scheduled" });
  });

  it("runs one notebook at a time with concurrency 1, and oq.runNotebook resolves with each record", async () => {
    const [a, b] = await Promise.all([oq.runNotebook("params.ipynb", { ticker: "A" }), oq.runNotebook("params.ipynb", { ticker: "B" })]);
    expect([a.error, b.error]).toEqual([null, null]);
    expect([a.status, b.status, a.trigger]).toEqual(["succeeded", "succeeded", "notebook"]);
    const [first, second] = [a, b].sort((x, y) => x.startedAt.localeCompare(y.startedAt));
    expect(Date.parse(second.startedAt)).toBeGreaterThanOrEqual(Date.parse(first.finishedAt as string));
  });

  it("cancelling a running notebook job stops its kernel", async () => {
    const submitted = await jobs.submit("notebook", { notebook: "slow.ipynb" });
    for (let i = 0; i < 600; i++) {
      const j = await jobs.get(submitted.id);
      if (j.progress.message?.startsWith("cell 2")) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const cancelled = await jobs.cancel(submitted.id, { waitMs: 30_000 });
    expect(cancelled.status).toBe("cancelled");
    const [run] = await oq.notebookRuns({ jobId: submitted.id });
    expect(run).toMatchObject({ status: "failed", error: { ename: "Cancelled", cellIndex: 2 } });
  });
});
