import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSettings } from "../config/load.js";
import { InvalidInput, NotFound } from "../errors.js";
import { importNotebookRun } from "./notebook-import.js";
import type { NotebookRun } from "./notebook-runs.js";
import { NotebookRunStore } from "./notebook-runs.js";

function sidecarHome() {
  const home = mkdtempSync(join(tmpdir(), "oq-import-"));
  mkdirSync(join(home, "notebooks", "reports"), { recursive: true });
  writeFileSync(join(home, "notebooks", "reports", "daily.ipynb"), JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [] }));
  const settings = loadSettings({ home, env: { OPENQUANT_NOTEBOOKS_DIR: join(home, "notebooks"), OPENQUANT_OUTPUTS_DIR: join(home, "outputs") } });
  return { home, settings, store: new NotebookRunStore(join(home, "data", "notebook-runs.jsonl")) };
}

const finished: NotebookRun = {
  id: "run-1",
  jobId: "job-1",
  notebook: "reports/daily.ipynb",
  parameters: { ticker: "ACME.SAMPLE" },
  status: "succeeded",
  trigger: "job:job-1",
  startedAt: "2026-11-26T03:04:05.000Z",
  finishedAt: "2026-11-26T03:04:09.000Z",
  durationMs: 4000,
  // where the worker wrote it: meaningless on the sidecar
  outputPath: "/worker/outputs/reports/daily/20261126T030405Z.ipynb",
  htmlPath: "/worker/outputs/reports/daily/20261126T030405Z.html",
  error: null,
  scheduleId: null,
};
const executed = (marker: string) => JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: "markdown", metadata: {}, source: marker }] });

describe("importNotebookRun", () => {
  it("writes the files under the sidecar's outputs/ and records the run with those paths", async () => {
    const { home, settings, store } = sidecarHome();
    const kept = await importNotebookRun(settings, store, { run: finished, notebook: executed("first"), html: "<p>first</p>" });
    expect(kept).toEqual({ ...finished, outputPath: "outputs/reports/daily/20261126T030405Z.ipynb", htmlPath: "outputs/reports/daily/20261126T030405Z.html" });
    expect(readFileSync(join(home, kept.outputPath as string), "utf8")).toBe(executed("first"));
    expect(readFileSync(join(home, kept.htmlPath as string), "utf8")).toBe("<p>first</p>");
    expect(await store.get("run-1")).toEqual(kept);
  });

  it("replaces the files of a run handed over again, and takes a fresh name beside another run's", async () => {
    const { home, settings, store } = sidecarHome();
    const other = await importNotebookRun(settings, store, { run: { ...finished, id: "run-0" }, notebook: executed("other"), html: null });
    const first = await importNotebookRun(settings, store, { run: finished, notebook: executed("first"), html: "<p>first</p>" });
    expect(first.outputPath).not.toBe(other.outputPath);
    const again = await importNotebookRun(settings, store, { run: { ...finished, status: "failed", error: { cellIndex: 2, ename: "Error", message: "x" } }, notebook: executed("again"), html: null });
    expect(again.outputPath).toBe(first.outputPath);
    expect(again.htmlPath).toBeNull();
    expect(readFileSync(join(home, again.outputPath as string), "utf8")).toBe(executed("again"));
    expect(existsSync(join(home, (first.htmlPath as string)))).toBe(false);
    expect(readFileSync(join(home, other.outputPath as string), "utf8")).toBe(executed("other"));
    // no temporary file is left beside them
    expect(readdirSync(join(home, "outputs", "reports", "daily")).sort()).toEqual(["20261126T030405Z-2.ipynb", "20261126T030405Z.ipynb"]);
    expect((await store.list()).map((r) => [r.id, r.status])).toEqual([
      ["run-1", "failed"],
      ["run-0", "succeeded"],
    ]);
  });

  it("refuses a running run, a notebook that is not one, and a notebook the sidecar does not have", async () => {
    const { settings, store } = sidecarHome();
    await expect(importNotebookRun(settings, store, { run: { ...finished, status: "running" }, notebook: executed("x"), html: null })).rejects.toThrow(/still running/);
    await expect(importNotebookRun(settings, store, { run: finished, notebook: "{cells: [", html: null })).rejects.toThrow(/does not parse/);
    await expect(importNotebookRun(settings, store, { run: { ...finished, notebook: "../daily.ipynb" }, notebook: executed("x"), html: null })).rejects.toThrow(InvalidInput);
    await expect(importNotebookRun(settings, store, { run: { ...finished, notebook: "gone.ipynb" }, notebook: executed("x"), html: null })).rejects.toThrow(NotFound);
    await expect(importNotebookRun(settings, store, { run: { ...finished, startedAt: "soon" }, notebook: executed("x"), html: null })).rejects.toThrow(/startedAt/);
    expect(await store.list()).toEqual([]);
  });
});
