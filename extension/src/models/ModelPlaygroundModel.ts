/**
 * The Model Playground's training side: the model types (with their hyperparameter schemas), the
 * training form, and the training job it starts, followed live until its result arrives.
 */
import type { IDisposable } from "@lumino/disposable";
import { type ISignal, Signal } from "@lumino/signaling";
import * as z from "zod/mini";
import { type ApiError, toApiError } from "../api.js";
import { listTickers } from "../endpoints/data.js";
import { fetchModelTypes, startTraining } from "../endpoints/models.js";
import { errorsFromDetails, type FieldErrors, type FieldSpec, fieldsOf, initialValues } from "../forms/index.js";
import type { Job } from "../schemas/jobs.js";
import { type ModelType, type TrainJobResult, TrainJobResultSchema } from "../schemas/models.js";
import { JobWatcher } from "./JobWatcher.js";
import { checkTrainForm, DEFAULT_TRAIN_FORM, fieldOfSpecPath, type TrainFieldErrors, type TrainFormValues } from "./ModelTrainSpec.js";

/** The model types: not read yet, read, or why they could not be. */
export type CatalogState = { kind: "loading" } | { kind: "ready"; types: ModelType[]; tickers: string[] } | { kind: "error"; error: ApiError };

/** The latest training: none, being submitted, followed as a job, or refused before it became one. */
export type TrainingState =
  | { kind: "idle" }
  | { kind: "submitting" }
  | { kind: "running"; jobId: string; job: Job | undefined; pollError?: string }
  | { kind: "succeeded"; jobId: string; job: Job; result: TrainJobResult }
  | { kind: "failed"; jobId?: string; job?: Job; message: string };

/** Options of a ModelPlaygroundModel. */
export interface ModelPlaygroundModelOptions {
  /** Time between two polls of the training job (default 1000 ms). */
  pollMs?: number;
}

/** Model types, the training form and the latest training; emits `changed` after each change. */
export class ModelPlaygroundModel implements IDisposable {
  private _catalog: CatalogState = { kind: "loading" };
  private _form: TrainFormValues = DEFAULT_TRAIN_FORM;
  private _errors: TrainFieldErrors = {};
  private _paramErrors: FieldErrors = {};
  private _formMessage: string | undefined;
  private _training: TrainingState = { kind: "idle" };
  private _watcher: JobWatcher | undefined;
  private readonly _changed = new Signal<this, void>(this);
  private readonly _trained = new Signal<this, TrainJobResult>(this);
  private readonly _pollMs: number;
  private _disposed = false;

  constructor(options: ModelPlaygroundModelOptions = {}) {
    this._pollMs = options.pollMs ?? 1000;
  }

  /** The model types, or why they are unknown. */
  get catalog(): CatalogState {
    return this._catalog;
  }

  /** The form's values. */
  get form(): TrainFormValues {
    return this._form;
  }

  /** Messages next to the form's fields (client-side checks, then the sidecar's). */
  get errors(): TrainFieldErrors {
    return this._errors;
  }

  /** Messages next to the hyperparameter fields. */
  get paramErrors(): FieldErrors {
    return this._paramErrors;
  }

  /** A refusal that concerns no single field (e.g. the sidecar is unreachable). */
  get formMessage(): string | undefined {
    return this._formMessage;
  }

  /** The latest training. */
  get training(): TrainingState {
    return this._training;
  }

  /** The chosen model type, once the types are known. */
  get modelType(): ModelType | undefined {
    return this._catalog.kind === "ready" ? this._catalog.types.find((t) => t.name === this._form.modelType) : undefined;
  }

  /** The chosen model type's hyperparameter fields. */
  get paramFields(): FieldSpec[] {
    return fieldsOf(this.modelType?.params ?? {});
  }

  /** Emits after every change. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** Emits the result of each training that succeeded (the runs table refreshes on it). */
  get trained(): ISignal<this, TrainJobResult> {
    return this._trained;
  }

  /** True once disposed. */
  get isDisposed(): boolean {
    return this._disposed;
  }

  /** Reads the model types; the form's hyperparameters start from the chosen type's defaults. */
  async load(): Promise<CatalogState> {
    try {
      // the stored tickers only feed the ticker field's suggestions
      const [types, tickers] = await Promise.all([fetchModelTypes(), listTickers().catch(() => [])]);
      if (this._disposed) return this._catalog;
      this._catalog = { kind: "ready", types, tickers: [...new Set(tickers.map((t) => t.ticker))].sort() };
      const known = types.some((t) => t.name === this._form.modelType);
      this._selectType(known ? this._form.modelType : (types[0]?.name ?? ""));
    } catch (error) {
      if (this._disposed) return this._catalog;
      this._catalog = { kind: "error", error: toApiError(error) };
    }
    this._emit();
    return this._catalog;
  }

  /** Changes some form values; a new model type resets the hyperparameters to its defaults. */
  update(patch: Partial<TrainFormValues>): void {
    const typeChanged = patch.modelType !== undefined && patch.modelType !== this._form.modelType;
    this._form = { ...this._form, ...patch };
    for (const key of Object.keys(patch) as Array<keyof TrainFormValues>) delete this._errors[key];
    if (patch.params) this._paramErrors = {};
    if (typeChanged) this._selectType(this._form.modelType);
    this._emit();
  }

  /** Checks the form, starts the training job and follows it; resolves once it is accepted or refused. */
  async train(): Promise<TrainingState> {
    if (this._training.kind === "submitting" || this._training.kind === "running") return this._training;
    const checked = checkTrainForm(this._form, this.paramFields);
    this._formMessage = undefined;
    if (!checked.ok) {
      this._errors = checked.errors;
      this._paramErrors = checked.paramErrors;
      this._emit();
      return this._training;
    }
    this._errors = {};
    this._paramErrors = {};
    this._setTraining({ kind: "submitting" });
    try {
      const accepted = await startTraining(checked.spec);
      if (this._disposed) return this._training;
      this._follow(accepted.jobId);
    } catch (caught) {
      if (this._disposed) return this._training;
      this._refused(toApiError(caught));
    }
    return this._training;
  }

  /** Stops following the job and emitting; the job itself goes on in the sidecar. */
  dispose(): void {
    if (this._disposed) return;
    this._disposed = true;
    this._watcher?.dispose();
    Signal.clearData(this);
  }

  private _selectType(name: string): void {
    this._form = { ...this._form, modelType: name, params: initialValues(fieldsOf(this.modelTypeNamed(name)?.params ?? {})) };
    if (this.modelTypeNamed(name) && !this.modelTypeNamed(name)?.tasks.includes(this._form.task)) {
      this._form.task = (this.modelTypeNamed(name)?.tasks[0] as TrainFormValues["task"]) ?? "regression";
    }
  }

  private modelTypeNamed(name: string): ModelType | undefined {
    return this._catalog.kind === "ready" ? this._catalog.types.find((t) => t.name === name) : undefined;
  }

  // The sidecar refused the spec: its details land next to the fields they name.
  private _refused(error: ApiError): void {
    const errors: TrainFieldErrors = {};
    const details = Array.isArray(error.details) ? (error.details as Array<{ path?: unknown; message?: unknown }>) : [];
    for (const d of details) {
      if (typeof d?.path !== "string" || typeof d.message !== "string") continue;
      const field = fieldOfSpecPath(d.path, this._form.featureMode);
      if (field && field !== "params" && !(field in errors)) errors[field] = d.message;
    }
    this._errors = errors;
    this._paramErrors = errorsFromDetails(error.details, "model.params");
    this._formMessage = error.message;
    this._setTraining({ kind: "failed", message: error.message });
  }

  private _follow(jobId: string): void {
    this._watcher?.dispose();
    const watcher = new JobWatcher(jobId, { intervalMs: this._pollMs });
    this._watcher = watcher;
    this._setTraining({ kind: "running", jobId, job: undefined });
    watcher.changed.connect((_, job) => {
      if (this._training.kind === "running") this._setTraining({ kind: "running", jobId, job });
    });
    watcher.failed.connect((_, error) => {
      if (this._training.kind === "running") this._setTraining({ ...this._training, pollError: error.message });
    });
    watcher.done.then(
      (job) => this._finished(jobId, job),
      (error: unknown) => this._setTraining({ kind: "failed", jobId, message: toApiError(error).message }),
    );
  }

  private _finished(jobId: string, job: Job): void {
    if (this._disposed || this._watcher?.jobId !== jobId) return;
    if (job.status !== "succeeded") {
      this._setTraining({ kind: "failed", jobId, job, message: job.error?.message ?? `The training job ended ${job.status}.` });
      return;
    }
    const parsed = z.safeParse(TrainJobResultSchema, job.result);
    if (!parsed.success) {
      this._setTraining({ kind: "failed", jobId, job, message: "The training job's result has an unexpected shape." });
      return;
    }
    this._setTraining({ kind: "succeeded", jobId, job, result: parsed.data });
    this._trained.emit(parsed.data);
  }

  private _setTraining(state: TrainingState): void {
    if (this._disposed) return;
    this._training = state;
    this._emit();
  }

  private _emit(): void {
    if (!this._disposed) this._changed.emit();
  }
}
