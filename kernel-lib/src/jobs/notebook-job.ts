/**
 * The `notebook` job kind and the `notebook` schedule kind, both over the notebook runner. Their
 * params are checked against the notebook itself when submitted or saved (path guard, declared
 * names and types), so a bad parameter is refused before any kernel starts.
 */
import type { z } from "zod";
import { isOpenQuantError } from "../errors.js";
import type { JobHandler } from "./job-types.js";
import type { NotebookRun } from "./notebook-runs.js";
import { type NotebookRunner, notebookRunRequestSchema } from "./notebook-runner.js";
import type { ScheduleHandler } from "./scheduler.js";

/** The run request schema, refined by a dry check against the notebook on disk. */
export function checkedNotebookRequest(runner: () => NotebookRunner) {
  return notebookRunRequestSchema.superRefine((request, ctx) => {
    try {
      runner().prepare(request.notebook, request.parameters);
    } catch (error) {
      const message = (error as Error).message;
      const details = isOpenQuantError(error) && error.details.length ? error.details : [{ path: "notebook", message }];
      // one problem keeps its whole sentence; several are named one by one
      for (const d of details) ctx.addIssue({ code: "custom", path: d.path ? d.path.split(".") : [], message: details.length === 1 ? message : d.message });
    }
  });
}

/** A one-line account of a run that did not succeed, naming the cell and where its output is. */
export function describeFailure(run: NotebookRun): string {
  const e = run.error;
  const cell = e?.cellIndex === null || e?.cellIndex === undefined ? "" : ` at cell ${e.cellIndex}`;
  const what = run.status === "timeout" ? "timed out" : "failed";
  return `Notebook ${run.notebook} ${what}${cell}: ${e?.ename ?? "Error"}: ${e?.message.split("\n")[0] ?? ""} (run ${run.id}, output ${run.outputPath})`;
}

/** The handler of `notebook` jobs: runs the notebook with the job's progress, log and cancellation. */
export function notebookJobHandler(runner: () => NotebookRunner): JobHandler<ReturnType<typeof checkedNotebookRequest>, NotebookRun> {
  return {
    params: checkedNotebookRequest(runner),
    description: "Run a notebook from notebooks/ through the tslab kernel with injected parameters; save it and its HTML under outputs/.",
    run: async (params, ctx) => {
      const run = await runner().run(params.notebook, params.parameters, {
        timeoutSeconds: params.timeoutSeconds,
        trigger: `job:${ctx.jobId}`,
        jobId: ctx.jobId,
        signal: ctx.signal,
        onProgress: (p) => ctx.progress(p),
        onLog: (line) => ctx.log(line),
      });
      if (run.status !== "succeeded") throw new Error(describeFailure(run));
      return run;
    },
  };
}

/** The handler of `notebook` schedules: cron + time zone + the same params as the job. */
export function notebookScheduleHandler(runner: () => NotebookRunner): ScheduleHandler {
  return {
    params: checkedNotebookRequest(runner),
    run: async (params, { scheduleId, signal }) => {
      const p = params as z.output<typeof notebookRunRequestSchema>;
      const run = await runner().run(p.notebook, p.parameters, { timeoutSeconds: p.timeoutSeconds, trigger: `schedule:${scheduleId}`, scheduleId, signal });
      if (run.status !== "succeeded") throw new Error(describeFailure(run));
      return { runId: run.id, status: run.status, outputPath: run.outputPath, htmlPath: run.htmlPath, durationMs: run.durationMs };
    },
  };
}
