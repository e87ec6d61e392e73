/**
 * A notebook run executed elsewhere (an `openquant worker` on this machine or another) handed to the
 * sidecar, which keeps the records: its executed notebook and HTML are written under the sidecar's
 * outputs/ and its record joins the sidecar's, so GET /notebooks/runs and the panels show it as if
 * it had run in-process. Handing the same run over again replaces its files (a retried hand-over).
 */
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { z } from "zod";
import type { Settings } from "../config/schema.js";
import { InvalidInput, NotFound } from "../errors.js";
import { validate } from "../util/validate.js";
import { parseNotebook } from "./notebook-format.js";
import { htmlBeside, recordedPath, reserveOutput, shownPath } from "./notebook-outputs.js";
import { resolveNotebookPath } from "./notebook-path.js";
import { type NotebookRun, type NotebookRunStore, notebookRunSchema } from "./notebook-runs.js";

/** A finished run and the contents of its files. */
export const notebookRunHandoverSchema = z
  .object({
    run: notebookRunSchema,
    notebook: z.string().min(2).describe("The executed notebook (nbformat 4 JSON)"),
    html: z.string().nullable().describe("Its HTML rendering, null when it could not be rendered"),
  })
  .strict();

/** What a worker sends. */
export type NotebookRunHandover = z.input<typeof notebookRunHandoverSchema>;

/** Writes `text` to `file` whole or not at all. */
function writeWhole(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.part`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

/** Keeps a finished run executed elsewhere; returns its record as kept here (paths under this outputs/). */
export async function importNotebookRun(settings: Settings, store: NotebookRunStore, input: unknown): Promise<NotebookRun> {
  const { run, notebook, html } = validate(notebookRunHandoverSchema, input, "notebook run hand-over");
  if (run.status === "running") {
    throw new InvalidInput(`Run '${run.id}' is still running: hand a run over once it has finished.`, [{ path: "run.status", message: "a finished status" }]);
  }
  parseNotebook(notebook, `The executed notebook of run '${run.id}'`);
  const location = resolveNotebookPath(settings.notebooks_dir, run.notebook);
  const earlier = await store.get(run.id).catch((error: unknown) => {
    if (error instanceof NotFound) return undefined;
    throw error;
  });
  const file = earlier?.outputPath ? recordedPath(settings.home, earlier.outputPath) : reserveOutput(settings.outputs_dir, location.name, new Date(run.startedAt));
  writeWhole(file, notebook);
  const htmlFile = htmlBeside(file);
  if (html === null) rmSync(htmlFile, { force: true });
  else writeWhole(htmlFile, html);
  const record: NotebookRun = {
    ...run,
    notebook: location.path,
    outputPath: shownPath(settings.home, file),
    htmlPath: html === null ? null : shownPath(settings.home, htmlFile),
  };
  await store.save(record);
  return record;
}
