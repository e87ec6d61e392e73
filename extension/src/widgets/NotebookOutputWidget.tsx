import { IFrame } from "@jupyterlab/apputils";
import { notebookOutputUrl } from "../endpoints/notebooks.js";
import type { NotebookRun } from "../schemas/notebooks.js";

/**
 * An executed notebook's HTML rendering (GET /notebooks/runs/{id}/output?format=html) in a
 * sandboxed frame: its scripts may run (Plotly charts), but never with JupyterLab's origin.
 */
export class NotebookOutputWidget extends IFrame {
  /** The run shown. */
  readonly run: NotebookRun;

  constructor(run: NotebookRun) {
    super({ sandbox: ["allow-scripts"], referrerPolicy: "no-referrer" });
    this.run = run;
    this.addClass("oq-NotebookOutputWidget");
    this.url = notebookOutputUrl(run.id, "html");
    this.title.label = `${run.notebook} (${run.startedAt.slice(0, 16).replace("T", " ")})`;
    this.title.caption = `Executed ${run.notebook}, run ${run.id}: ${run.status}`;
    this.title.closable = true;
  }
}
