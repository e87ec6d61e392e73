/**
 * The notebook runner: checks the path and the parameters (before any kernel starts), injects the
 * values, executes the notebook through tslab under a timeout and a concurrency limit, saves the
 * executed notebook and its HTML under `<outputs>/<notebook>/<UTC timestamp>.ipynb`, and records
 * the run. The `notebook` job and the `notebook` schedule kind both call it.
 */
import { randomUUID } from "node:crypto";
import { existsSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { z } from "zod";
import type { Settings } from "../config/schema.js";
import { NotFound, Unavailable } from "../errors.js";
import type { Logger } from "../util/logger.js";
import { validate } from "../util/validate.js";
import { listNotebooks, type NotebookInfo } from "./notebook-catalog.js";
import { kernelEnv } from "./notebook-env.js";
import { executeNotebook } from "./notebook-exec.js";
import type { NotebookDocument } from "./notebook-format.js";
import { readNotebook } from "./notebook-format.js";
import { injectParameters } from "./notebook-inject.js";
import { importNotebookRun } from "./notebook-import.js";
import { htmlBeside, recordedPath, reserveOutput, shownPath } from "./notebook-outputs.js";
import { type NotebookParameter, notebookParameters } from "./notebook-params.js";
import { type NotebookLocation, notebookPathSchema, resolveNotebookPath } from "./notebook-path.js";
import { type NotebookRun, type NotebookRunQuery, NotebookRunStore } from "./notebook-runs.js";
import { NotebookSlots } from "./notebook-slots.js";
import { checkParameterValues, type ParameterValues, parameterValuesSchema } from "./notebook-values.js";

/** What a notebook run is asked to do: the params of the `notebook` job and schedule kind. */
export const notebookRunRequestSchema = z
  .object({
    /** Relative to the notebooks folder, e.g. "05-daily-report.ipynb". */
    notebook: notebookPathSchema,
    parameters: parameterValuesSchema.default({}),
    /** Overrides the configured timeout (settings notebooks.timeout_seconds). */
    timeoutSeconds: z.number().int().min(1).max(86_400).optional(),
  })
  .strict();

/** A notebook run request, as given. */
export type NotebookRunRequest = z.input<typeof notebookRunRequestSchema>;

/** Options of one run besides the notebook and its parameters. */
export interface NotebookRunOptions {
  /** Overrides the configured timeout. */
  timeoutSeconds?: number;
  /** Who started it (default "api"). */
  trigger?: string;
  jobId?: string | null;
  scheduleId?: string | null;
  /** Aborting stops the run and kills its kernel. */
  signal?: AbortSignal;
  /** Called as cells start: the fraction of code cells begun and a message. */
  onProgress?: (progress: { fraction: number; message: string }) => void;
  /** Called with lines worth a job log. */
  onLog?: (line: string) => void;
}

/** A run that passed every check: where the notebook is, what it declares and the values to inject. */
export interface PreparedRun {
  location: NotebookLocation;
  declared: NotebookParameter[];
  values: ParameterValues;
  notebook: NotebookDocument;
}

/** Where a run's output is and what it is. */
export interface NotebookOutput {
  path: string;
  contentType: string;
}

/** How the runner finds its tools (defaults from settings). */
export interface NotebookRunnerOptions {
  logger?: Logger;
  /** The virtualenv's python (default `<venv>/bin/python`). */
  python?: string;
  /** run_notebook.py (default `<home>/kernel-lib/python/run_notebook.py`). */
  script?: string;
  /** The environment the kernel starts from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /**
   * Hands each finished run to where the records are kept and returns the record as kept there:
   * a worker's runs go to the sidecar, so they show in its run history and panels.
   */
  publish?: (run: NotebookRun, files: NotebookRunFiles) => Promise<NotebookRun>;
}

/** A finished run's files on this machine. */
export interface NotebookRunFiles {
  /** The executed notebook. */
  notebook: string;
  /** Its HTML rendering, null when it was not rendered. */
  html: string | null;
}

/** Runs notebooks and keeps their records. */
export class NotebookRunner {
  private readonly slots: NotebookSlots;
  /** The run records. */
  readonly store: NotebookRunStore;
  private readonly python: string;
  private readonly script: string;

  constructor(
    private readonly settings: Settings,
    private readonly options: NotebookRunnerOptions = {},
  ) {
    this.slots = new NotebookSlots(settings.notebooks.concurrency);
    this.store = new NotebookRunStore(join(settings.data_dir, "notebook-runs.jsonl"));
    this.python = options.python ?? join(settings.venv_dir, "bin", "python");
    this.script = options.script ?? join(settings.home, "kernel-lib", "python", "run_notebook.py");
  }

  /** Every notebook in the notebooks folder with its parameters. */
  notebooks(): NotebookInfo[] {
    return listNotebooks(this.settings.notebooks_dir);
  }

  /** Checks a run without starting anything: the path guard, the parameters cell, the values' names and types. */
  prepare(path: unknown, parameters: unknown = {}): PreparedRun {
    const location = resolveNotebookPath(this.settings.notebooks_dir, path);
    const notebook = readNotebook(location.absolute, location.path);
    const declared = notebookParameters(notebook, location.path);
    const values = checkParameterValues(declared, parameters, location.path);
    return { location, declared, values, notebook };
  }

  /** Runs a notebook and resolves with its finished record; a failing notebook resolves too (status failed). */
  async run(path: string, parameters: Record<string, unknown> = {}, options: NotebookRunOptions = {}): Promise<NotebookRun> {
    const prepared = this.prepare(path, parameters);
    const timeoutSeconds = validate(
      z.number().int().min(1).max(86_400).optional(),
      options.timeoutSeconds,
      "timeoutSeconds",
    ) ?? this.settings.notebooks.timeout_seconds;
    this.checkTools();
    const release = await this.slots.acquire(options.signal);
    try {
      return await this.execute(prepared, timeoutSeconds, options);
    } finally {
      release();
    }
  }

  private checkTools(): void {
    if (!existsSync(this.python)) {
      throw new Unavailable(`Notebooks run with the project's virtualenv, but ${this.python} is missing: run scripts/setup.sh or set OPENQUANT_VENV.`);
    }
    if (!existsSync(this.script)) throw new Unavailable(`The notebook runner script ${this.script} is missing from this installation.`);
  }

  private async execute(prepared: PreparedRun, timeoutSeconds: number, options: NotebookRunOptions): Promise<NotebookRun> {
    const started = new Date();
    const output = reserveOutput(this.settings.outputs_dir, prepared.location.name, started);
    const html = htmlBeside(output);
    writeFileSync(output, JSON.stringify(injectParameters(prepared.notebook, prepared.declared, prepared.values), null, 1));
    const run: NotebookRun = {
      id: randomUUID(),
      jobId: options.jobId ?? null,
      notebook: prepared.location.path,
      parameters: prepared.values,
      status: "running",
      trigger: options.trigger ?? "api",
      startedAt: started.toISOString(),
      finishedAt: null,
      durationMs: null,
      outputPath: shownPath(this.settings.home, output),
      htmlPath: null,
      error: null,
      scheduleId: options.scheduleId ?? null,
    };
    await this.store.save(run);
    const log = (line: string) => {
      options.onLog?.(line);
      this.options.logger?.debug({ notebookRun: run.id }, line);
    };
    log(`running ${run.notebook} with ${JSON.stringify(run.parameters)} (timeout ${timeoutSeconds} s) → ${run.outputPath}`);
    const outcome = await executeNotebook({
      python: this.python,
      script: this.script,
      input: output,
      output,
      html,
      cwd: dirname(prepared.location.absolute),
      env: kernelEnv(this.settings, run.id, this.options.env),
      timeoutMs: timeoutSeconds * 1000,
      signal: options.signal,
      onCell: (c) => {
        const done = Math.max(0, c.position);
        options.onProgress?.({ fraction: c.codeCells ? done / c.codeCells : 0, message: `cell ${c.index} (${done + 1}/${c.codeCells} code cells)` });
      },
      onStderr: (line) => this.options.logger?.debug({ notebookRun: run.id }, line),
    });
    const finished = new Date();
    const status = outcome.status === "cancelled" ? "failed" : outcome.status;
    const record: NotebookRun = {
      ...run,
      status,
      finishedAt: finished.toISOString(),
      durationMs: finished.getTime() - started.getTime(),
      htmlPath: outcome.html ? shownPath(this.settings.home, html) : null,
      error: outcome.error,
    };
    await this.store.save(record);
    const kept = this.options.publish ? await this.options.publish(record, { notebook: output, html: record.htmlPath ? html : null }) : record;
    const where = outcome.error ? ` at cell ${outcome.error.cellIndex}: ${outcome.error.ename}: ${outcome.error.message.split("\n")[0]}` : "";
    log(`${status} in ${record.durationMs} ms${where}`);
    if (status === "succeeded") options.onProgress?.({ fraction: 1, message: "done" });
    return kept;
  }

  /** Keeps a finished run executed elsewhere (a worker's): its files go under outputs/, its record joins these. */
  importRun(handover: unknown): Promise<NotebookRun> {
    return importNotebookRun(this.settings, this.store, handover);
  }

  /** Runs, newest first (filter by notebook, status, schedule; `limit`, default 50). */
  runs(query: NotebookRunQuery = {}): Promise<NotebookRun[]> {
    return this.store.list(query);
  }

  /** One run by id. */
  getRun(id: string): Promise<NotebookRun> {
    return this.store.get(id);
  }

  /** The file of a run's executed notebook ("ipynb") or its HTML rendering ("html"). */
  async output(id: string, format: "html" | "ipynb"): Promise<NotebookOutput> {
    const run = await this.store.get(id);
    const shown = format === "html" ? run.htmlPath : run.outputPath;
    if (!shown) throw new NotFound(`Run '${id}' has no ${format} output${run.status === "running" ? " yet: it is still running" : ""}.`);
    const path = recordedPath(this.settings.home, shown);
    if (!existsSync(path)) throw new NotFound(`The ${format} output of run '${id}' (${shown}) is no longer there.`);
    return { path, contentType: format === "html" ? "text/html; charset=utf-8" : "application/x-ipynb+json" };
  }
}
