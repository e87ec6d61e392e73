/**
 * The runs table's model: the experiment's MLflow runs (GET /models/runs), which of them are
 * selected for comparison, the MLflow UI's address for links, and registering a run's model.
 */
import type { IDisposable } from "@lumino/disposable";
import { type ISignal, Signal } from "@lumino/signaling";
import { type ApiError, toApiError } from "../api.js";
import { fetchRuns, type RegisterRequest, registerModel } from "../endpoints/models.js";
import type { Health } from "../schemas/health.js";
import type { RegisteredVersion, Run } from "../schemas/models.js";
import { fetchHealth } from "./HealthModel.js";
import { compareRuns, mlflowRunUrl, type RunsComparison } from "./RunsComparison.js";

/** What the table shows: nothing yet, the runs, or why there are none. */
export type RunsState = { kind: "loading" } | { kind: "ready"; runs: Run[] } | { kind: "error"; error: ApiError };

/** The outcome of the latest registration. */
export type RegisterState =
  | { kind: "idle" }
  | { kind: "pending"; runId: string }
  | { kind: "done"; runId: string; version: RegisteredVersion }
  | { kind: "error"; runId: string; error: ApiError; fieldErrors: Record<string, string> };

/** Options of a RunsModel. */
export interface RunsModelOptions {
  /** At most this many runs are listed (default 50). */
  limit?: number;
}

/** The MLflow tracking URI the sidecar reports in /health, if it is an http(s) address. */
export function trackingUriOf(health: Health): string | undefined {
  const uri = health.components.find((c) => c.name === "mlflow")?.details?.trackingUri;
  return typeof uri === "string" && /^https?:\/\//.test(uri) ? uri : undefined;
}

/** Field messages of a refused registration (details with paths runId, name, alias). */
function registerFieldErrors(error: ApiError): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!Array.isArray(error.details)) return errors;
  for (const d of error.details as Array<{ path?: unknown; message?: unknown }>) {
    if (typeof d?.path === "string" && typeof d.message === "string" && !(d.path in errors)) errors[d.path] = d.message;
  }
  return errors;
}

/** Runs, selection for comparison, MLflow links and registration; emits `changed` after each change. */
export class RunsModel implements IDisposable {
  private _state: RunsState = { kind: "loading" };
  private _selected: string[] = [];
  private _trackingUri: string | undefined;
  private _register: RegisterState = { kind: "idle" };
  private readonly _changed = new Signal<this, void>(this);
  private readonly _limit: number;
  private _inFlight: Promise<RunsState> | undefined;
  private _disposed = false;

  constructor(options: RunsModelOptions = {}) {
    this._limit = options.limit ?? 50;
  }

  /** The latest list of runs, or why it could not be read. */
  get state(): RunsState {
    return this._state;
  }

  /** Ids of the runs selected for comparison, in the order they were selected. */
  get selected(): readonly string[] {
    return this._selected;
  }

  /** The selected runs side by side. */
  get comparison(): RunsComparison {
    const runs = this._state.kind === "ready" ? this._state.runs : [];
    const byId = new Map(runs.map((r) => [r.runId, r]));
    return compareRuns(this._selected.flatMap((id) => byId.get(id) ?? []));
  }

  /** The latest registration's outcome. */
  get registration(): RegisterState {
    return this._register;
  }

  /** The MLflow UI address (from the sidecar's /health), once known. */
  get trackingUri(): string | undefined {
    return this._trackingUri;
  }

  /** Emits after every change of runs, selection, tracking URI or registration. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** True once disposed. */
  get isDisposed(): boolean {
    return this._disposed;
  }

  /** The run's page in the MLflow UI, when the tracking URI is an http(s) address. */
  runUrl(runId: string): string | undefined {
    return this._trackingUri ? mlflowRunUrl(this._trackingUri, runId) : undefined;
  }

  /** Reads the runs again (joining a read under way); selected runs that disappeared are dropped. */
  refresh(): Promise<RunsState> {
    if (this._disposed) return Promise.resolve(this._state);
    this._inFlight ??= this._load().finally(() => {
      this._inFlight = undefined;
    });
    return this._inFlight;
  }

  /** Selects the run for comparison, or deselects it. */
  toggle(runId: string): void {
    this._selected = this._selected.includes(runId) ? this._selected.filter((id) => id !== runId) : [...this._selected, runId];
    this._emit();
  }

  /** Empties the comparison. */
  clearSelection(): void {
    this._selected = [];
    this._emit();
  }

  /** Registers the run's model under `name` (and `alias`); the outcome lands in `registration`. */
  async register(request: RegisterRequest): Promise<RegisterState> {
    const alias = request.alias?.trim();
    const body: RegisterRequest = { runId: request.runId, name: request.name.trim(), ...(alias ? { alias } : {}) };
    this._register = { kind: "pending", runId: body.runId };
    this._emit();
    let next: RegisterState;
    try {
      next = { kind: "done", runId: body.runId, version: await registerModel(body) };
    } catch (caught) {
      const error = toApiError(caught);
      next = { kind: "error", runId: body.runId, error, fieldErrors: registerFieldErrors(error) };
    }
    if (this._disposed) return next;
    this._register = next;
    this._emit();
    return next;
  }

  /** Stops emitting; later answers are dropped. */
  dispose(): void {
    if (this._disposed) return;
    this._disposed = true;
    Signal.clearData(this);
  }

  private async _load(): Promise<RunsState> {
    const [runs, health] = await Promise.allSettled([fetchRuns({ limit: this._limit }), this._trackingUri ? undefined : fetchHealth()]);
    if (this._disposed) return this._state;
    if (health.status === "fulfilled" && health.value) this._trackingUri = trackingUriOf(health.value);
    if (runs.status === "fulfilled") {
      const ids = new Set(runs.value.map((r) => r.runId));
      this._selected = this._selected.filter((id) => ids.has(id));
      this._state = { kind: "ready", runs: runs.value };
    } else {
      this._state = { kind: "error", error: toApiError(runs.reason) };
    }
    this._emit();
    return this._state;
  }

  private _emit(): void {
    if (!this._disposed) this._changed.emit();
  }
}
