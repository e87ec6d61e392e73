/**
 * The Schedules panel's model: every schedule with its latest run, the create/edit form, pause and
 * resume, delete, run now, a schedule's run history (with its executed notebooks), and whether the
 * sidecar runs notebooks at all.
 */
import type { IDisposable } from "@lumino/disposable";
import { type ISignal, Signal } from "@lumino/signaling";
import { type ApiError, toApiError } from "../api.js";
import { fetchModelTypes } from "../endpoints/models.js";
import { fetchNotebookRuns, fetchNotebooks } from "../endpoints/notebooks.js";
import {
  createSchedule,
  deleteSchedule,
  fetchScheduleRun,
  fetchScheduleRuns,
  listSchedules,
  startScheduleRun,
  updateSchedule,
} from "../endpoints/schedules.js";
import type { JobSummary } from "../schemas/jobs.js";
import type { Notebook, NotebookRun } from "../schemas/notebooks.js";
import type { Schedule, ScheduleRun } from "../schemas/schedules.js";
import {
  DEFAULT_SCHEDULE_FORM,
  formOfSchedule,
  type ScheduleFieldErrors,
  type ScheduleFormValues,
  scheduleErrorsFromDetails,
  toScheduleInput,
  validateScheduleForm,
} from "./ScheduleForm.js";

/** A schedule with its latest run (null when it never ran). */
export interface ScheduleRow {
  schedule: Schedule;
  lastRun: ScheduleRun | null;
}

/** The list: not read yet, read, or why it could not be. */
export type SchedulesState = { kind: "loading" } | { kind: "ready"; rows: ScheduleRow[] } | { kind: "error"; error: ApiError };

/** Whether notebook schedules can be made: the notebooks, or why not. */
export type NotebooksState =
  | { kind: "loading" }
  | { kind: "available"; notebooks: Notebook[] }
  | { kind: "unavailable"; message: string }
  | { kind: "error"; error: ApiError };

/** The create/edit form while it is open. */
export interface ScheduleEditor {
  /** The schedule edited; undefined when creating one. */
  id?: string;
  values: ScheduleFormValues;
  errors: ScheduleFieldErrors;
  /** The sidecar's message when it refused the form. */
  message?: string;
  saving: boolean;
}

/** A run of a schedule started from the panel, shown as a job (the sidecar answers once it ends). */
export interface RunNowState {
  scheduleId: string;
  job: JobSummary;
  run?: ScheduleRun;
}

/** A schedule's run history and, for notebook schedules, its executed notebooks. */
export type HistoryState =
  | { kind: "loading"; scheduleId: string }
  | { kind: "ready"; scheduleId: string; runs: ScheduleRun[]; notebookRuns: NotebookRun[] | null }
  | { kind: "error"; scheduleId: string; error: ApiError };

/** What ended a schedule's run, as a job status. */
const JOB_STATUS_OF_RUN = { ok: "succeeded", failed: "failed", skipped: "cancelled", interrupted: "interrupted", running: "running" } as const;

/** The message a sidecar without a notebook runner gets. */
export const NOTEBOOKS_UNAVAILABLE =
  "This sidecar runs no notebooks (GET /notebooks answered 404): update it to schedule notebooks. Ingest and train schedules work.";

function runJob(scheduleId: string, kind: string, startedAt: string, run?: ScheduleRun, error?: ApiError): JobSummary {
  const ended = run && run.status !== "running" ? run : undefined;
  const status = error ? "failed" : ended ? JOB_STATUS_OF_RUN[ended.status] : "running";
  const message = error ? null : ended ? `run ${ended.status}${ended.error ? `: ${ended.error}` : ""}` : `running the ${kind} schedule…`;
  const failure = error ?? (run?.error ? { code: run.status.toUpperCase(), message: run.error } : null);
  return {
    id: run?.id ?? `schedule-${scheduleId}`,
    kind: `schedule ${scheduleId}`,
    params: {},
    status,
    progress: { fraction: ended || error ? 1 : 0, message, counters: {} },
    error: failure ? { code: "code" in failure ? failure.code : "FAILED", message: failure.message } : null,
    trigger: "manual",
    createdAt: startedAt,
    startedAt,
    finishedAt: run?.finishedAt ?? (error ? new Date().toISOString() : null),
    cancelRequested: false,
  };
}

/** The Schedules panel's state and actions; emits `changed` after each change. */
export class ScheduleListModel implements IDisposable {
  private _state: SchedulesState = { kind: "loading" };
  private _notebooks: NotebooksState = { kind: "loading" };
  private _editor: ScheduleEditor | undefined;
  private _runNow: RunNowState | undefined;
  private _history: HistoryState | undefined;
  private _actionError: string | undefined;
  private _modelTypes: string[] = [];
  private readonly _changed = new Signal<this, void>(this);
  private _disposed = false;

  /** `pollMs`: how often a run started from the panel is asked how it is going. */
  constructor(private readonly pollMs = 1_000) {}

  /** The schedules with their latest runs. */
  get state(): SchedulesState {
    return this._state;
  }

  /** Whether notebook schedules can be made. */
  get notebooks(): NotebooksState {
    return this._notebooks;
  }

  /** The open form, if any. */
  get editor(): ScheduleEditor | undefined {
    return this._editor;
  }

  /** The latest run started from the panel. */
  get runNow(): RunNowState | undefined {
    return this._runNow;
  }

  /** The run history shown, if any. */
  get history(): HistoryState | undefined {
    return this._history;
  }

  /** Model type names, for the train kind's form (empty when unknown). */
  get modelTypes(): readonly string[] {
    return this._modelTypes;
  }

  /** Why the latest pause, resume or delete failed. */
  get actionError(): string | undefined {
    return this._actionError;
  }

  /** Emits after every change. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** True once disposed. */
  get isDisposed(): boolean {
    return this._disposed;
  }

  /** Reads the schedules, each one's latest run, and the notebooks. */
  async refresh(): Promise<SchedulesState> {
    try {
      const schedules = await listSchedules();
      const lastRuns = await Promise.all(schedules.map((s) => fetchScheduleRuns(s.id, 1).then((r) => r[0] ?? null, () => null)));
      this._state = { kind: "ready", rows: schedules.map((schedule, i) => ({ schedule, lastRun: lastRuns[i] })) };
    } catch (error) {
      this._state = { kind: "error", error: toApiError(error) };
    }
    await this._loadNotebooks();
    if (this._modelTypes.length === 0) this._modelTypes = await fetchModelTypes().then((types) => types.map((t) => t.name), () => []);
    this._emit();
    return this._state;
  }

  /** Opens an empty form for a new schedule. */
  openCreate(): void {
    this._editor = { values: { ...DEFAULT_SCHEDULE_FORM }, errors: {}, saving: false };
    this._emit();
  }

  /** Opens the form on a stored schedule. */
  openEdit(id: string): void {
    const row = this._row(id);
    if (!row) return;
    this._editor = { id, values: formOfSchedule(row.schedule), errors: {}, saving: false };
    this._emit();
  }

  /** Changes some of the open form's values (their messages go away). */
  updateEditor(patch: Partial<ScheduleFormValues>): void {
    if (!this._editor) return;
    const errors = { ...this._editor.errors };
    for (const key of Object.keys(patch)) delete errors[key as keyof ScheduleFieldErrors];
    if (patch.parameters) for (const key of Object.keys(errors)) if (key.startsWith("parameters.")) delete errors[key as keyof ScheduleFieldErrors];
    this._editor = { ...this._editor, values: { ...this._editor.values, ...patch }, errors, message: undefined };
    this._emit();
  }

  /** Closes the form without saving. */
  closeEditor(): void {
    this._editor = undefined;
    this._emit();
  }

  /** Checks and sends the form (POST for a new schedule, PUT for an edit); true once saved. */
  async save(): Promise<boolean> {
    const editor = this._editor;
    if (!editor || editor.saving) return false;
    const errors = validateScheduleForm(editor.values, editor.id !== undefined);
    if (Object.keys(errors).length > 0) {
      this._editor = { ...editor, errors, message: undefined };
      this._emit();
      return false;
    }
    this._editor = { ...editor, errors: {}, message: undefined, saving: true };
    this._emit();
    const input = toScheduleInput(editor.values, this._parameterTypes(editor.values.notebook));
    try {
      if (editor.id === undefined) await createSchedule(input);
      else {
        const { id: _id, ...patch } = input;
        await updateSchedule(editor.id, patch);
      }
    } catch (caught) {
      const error = toApiError(caught);
      if (this._editor) this._editor = { ...editor, saving: false, errors: scheduleErrorsFromDetails(error.details), message: error.message };
      this._emit();
      return false;
    }
    this._editor = undefined;
    await this.refresh();
    return true;
  }

  /** Pauses (false) or resumes (true) a schedule. */
  async setEnabled(id: string, enabled: boolean): Promise<void> {
    await this._act(() => updateSchedule(id, { enabled }));
  }

  /** Deletes a schedule (the panel asks the user first). */
  async remove(id: string): Promise<void> {
    await this._act(() => deleteSchedule(id));
    if (this._history?.scheduleId === id) this._history = undefined;
    if (this._editor?.id === id) this._editor = undefined;
    this._emit();
  }

  /** Starts a schedule's run now and follows it (a poll every `pollMs`) until it has ended. */
  async run(id: string): Promise<RunNowState> {
    const kind = this._row(id)?.schedule.kind ?? "";
    const startedAt = new Date().toISOString();
    this._runNow = { scheduleId: id, job: runJob(id, kind, startedAt) };
    this._emit();
    try {
      let run = await startScheduleRun(id);
      while (run.status === "running" && !this._disposed) {
        await new Promise((resolve) => setTimeout(resolve, this.pollMs));
        run = await fetchScheduleRun(id, run.id);
      }
      this._runNow = { scheduleId: id, job: runJob(id, kind, startedAt, run), run };
    } catch (error) {
      this._runNow = { scheduleId: id, job: runJob(id, kind, startedAt, undefined, toApiError(error)) };
    }
    this._emit();
    await this.refresh();
    if (this._history?.scheduleId === id) await this.showHistory(id);
    return this._runNow;
  }

  /** Shows a schedule's runs (and, for a notebook schedule, its executed notebooks). */
  async showHistory(id: string): Promise<HistoryState> {
    if (this._history?.scheduleId !== id) this._history = { kind: "loading", scheduleId: id };
    this._emit();
    const isNotebook = this._row(id)?.schedule.kind === "notebook";
    try {
      const runs = await fetchScheduleRuns(id, 50);
      const notebookRuns =
        isNotebook && this._notebooks.kind === "available"
          ? (await fetchNotebookRuns({ scheduleId: id, limit: 50 })).filter((r) => r.scheduleId === id)
          : null;
      this._history = { kind: "ready", scheduleId: id, runs, notebookRuns };
    } catch (error) {
      this._history = { kind: "error", scheduleId: id, error: toApiError(error) };
    }
    this._emit();
    return this._history;
  }

  /** Hides the run history. */
  closeHistory(): void {
    this._history = undefined;
    this._emit();
  }

  /** Stops emitting. */
  dispose(): void {
    if (this._disposed) return;
    this._disposed = true;
    Signal.clearData(this);
  }

  private _row(id: string): ScheduleRow | undefined {
    return this._state.kind === "ready" ? this._state.rows.find((r) => r.schedule.id === id) : undefined;
  }

  private _parameterTypes(notebook: string): Record<string, string> {
    if (this._notebooks.kind !== "available") return {};
    const found = this._notebooks.notebooks.find((n) => n.path === notebook);
    return Object.fromEntries((found?.parameters ?? []).map((p) => [p.name, p.type]));
  }

  private async _loadNotebooks(): Promise<void> {
    try {
      const notebooks = await fetchNotebooks();
      this._notebooks = notebooks ? { kind: "available", notebooks } : { kind: "unavailable", message: NOTEBOOKS_UNAVAILABLE };
    } catch (error) {
      this._notebooks = { kind: "error", error: toApiError(error) };
    }
  }

  private async _act(action: () => Promise<unknown>): Promise<void> {
    this._actionError = undefined;
    try {
      await action();
    } catch (error) {
      this._actionError = toApiError(error).message;
    }
    await this.refresh();
  }

  private _emit(): void {
    if (!this._disposed) this._changed.emit();
  }
}
