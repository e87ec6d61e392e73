/**
 * Polls the sidecar's /health and holds the latest answer, or why there is none. React components
 * render `state` and re-render on `changed`; they never call the API themselves.
 */
import type { IDisposable } from "@lumino/disposable";
import { type ISignal, Signal } from "@lumino/signaling";
import { type ApiError, requestAPI, toApiError } from "../api.js";
import { type Health, HealthSchema } from "../schemas/health.js";

/** What the panel shows: nothing yet, the latest health, or the error of the latest check. */
export type HealthState =
  | { kind: "loading" }
  | { kind: "ready"; health: Health; checkedAt: Date }
  | { kind: "error"; error: ApiError; checkedAt: Date };

/** Options of a HealthModel. */
export interface HealthModelOptions {
  /** Time between two polls while polling. */
  intervalMs: number;
  /** Fetches the health; the sidecar's GET /health by default. */
  fetchHealth?: () => Promise<Health>;
}

/** Fetches GET /health from the sidecar, validated; a "down" platform (HTTP 503) is an answer too. */
export function fetchHealth(): Promise<Health> {
  return requestAPI("health", { method: "GET" }, { schema: HealthSchema, acceptStatus: [503] });
}

/** The Health panel's model: one check on demand (`refresh`) or repeated ones (`start`). */
export class HealthModel implements IDisposable {
  private _state: HealthState = { kind: "loading" };
  private readonly _changed = new Signal<this, HealthState>(this);
  private readonly _fetch: () => Promise<Health>;
  private _intervalMs: number;
  private _polling = false;
  private _timer: ReturnType<typeof setTimeout> | undefined;
  private _inFlight: Promise<HealthState> | undefined;
  private _disposed = false;

  constructor(options: HealthModelOptions) {
    this._intervalMs = options.intervalMs;
    this._fetch = options.fetchHealth ?? fetchHealth;
  }

  /** The latest state. */
  get state(): HealthState {
    return this._state;
  }

  /** Emits the new state after every check. */
  get changed(): ISignal<this, HealthState> {
    return this._changed;
  }

  /** Time between polls; changing it reschedules the next poll. */
  get intervalMs(): number {
    return this._intervalMs;
  }

  set intervalMs(value: number) {
    this._intervalMs = value;
    if (this._polling && !this._inFlight) this._schedule();
  }

  /** True while polling. */
  get polling(): boolean {
    return this._polling;
  }

  /** True once disposed. */
  get isDisposed(): boolean {
    return this._disposed;
  }

  /** Checks now (joining a check already under way) and resolves with the resulting state. */
  refresh(): Promise<HealthState> {
    if (this._disposed) return Promise.resolve(this._state);
    this._inFlight ??= this._check().finally(() => {
      this._inFlight = undefined;
      if (this._polling) this._schedule();
    });
    return this._inFlight;
  }

  /** Starts polling: a check now, then one every `intervalMs`. */
  start(): void {
    if (this._polling || this._disposed) return;
    this._polling = true;
    void this.refresh();
  }

  /** Stops polling; a check under way still completes. */
  stop(): void {
    this._polling = false;
    clearTimeout(this._timer);
    this._timer = undefined;
  }

  /** Stops polling and disconnects listeners; later answers are dropped. */
  dispose(): void {
    if (this._disposed) return;
    this.stop();
    this._disposed = true;
    Signal.clearData(this);
  }

  private async _check(): Promise<HealthState> {
    let next: HealthState;
    try {
      next = { kind: "ready", health: await this._fetch(), checkedAt: new Date() };
    } catch (error) {
      next = { kind: "error", error: toApiError(error), checkedAt: new Date() };
    }
    if (this._disposed) return this._state;
    this._state = next;
    this._changed.emit(next);
    return next;
  }

  private _schedule(): void {
    clearTimeout(this._timer);
    this._timer = setTimeout(() => void this.refresh(), this._intervalMs);
  }
}
