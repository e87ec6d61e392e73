/**
 * A model that polls one sidecar read and holds the latest answer, or why there is none. React
 * components render `state` and re-render on `changed`; they never call the API themselves.
 * Subclasses say what one poll reads and, if they like, how long to wait before the next.
 */
import type { IDisposable } from "@lumino/disposable";
import { type ISignal, Signal } from "@lumino/signaling";
import { type ApiError, toApiError } from "../api.js";

/** The state of a polled read: nothing yet, the latest answer (`R`), or the error of the latest poll. */
export type PollState<R extends { kind: "ready"; checkedAt: Date }> = { kind: "loading" } | R | { kind: "error"; error: ApiError; checkedAt: Date };

/** Polls on demand (`refresh`) or repeatedly (`start`); a poll under way is joined, never doubled. */
export abstract class PollingModel<R extends { kind: "ready"; checkedAt: Date }> implements IDisposable {
  private _state: PollState<R> = { kind: "loading" };
  private readonly _changed = new Signal<this, PollState<R>>(this);
  private _intervalMs: number;
  private _polling = false;
  private _timer: ReturnType<typeof setTimeout> | undefined;
  private _inFlight: Promise<PollState<R>> | undefined;
  private _disposed = false;

  constructor(intervalMs: number) {
    this._intervalMs = intervalMs;
  }

  /** The latest state. */
  get state(): PollState<R> {
    return this._state;
  }

  /** Emits the new state after every poll. */
  get changed(): ISignal<this, PollState<R>> {
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

  /** Polls now (joining a poll already under way) and resolves with the resulting state. */
  refresh(): Promise<PollState<R>> {
    if (this._disposed) return Promise.resolve(this._state);
    this._inFlight ??= this._check().finally(() => {
      this._inFlight = undefined;
      if (this._polling) this._schedule();
    });
    return this._inFlight;
  }

  /** Starts polling: a poll now, then one after each wait. */
  start(): void {
    if (this._polling || this._disposed) return;
    this._polling = true;
    void this.refresh();
  }

  /** Stops polling; a poll under way still completes. */
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

  /** One poll's answer; a thrown error becomes the error state. */
  protected abstract read(): Promise<R>;

  /** Time to wait before the next poll (the interval, unless a subclass knows better). */
  protected nextWaitMs(): number {
    return this._intervalMs;
  }

  private async _check(): Promise<PollState<R>> {
    let next: PollState<R>;
    try {
      next = await this.read();
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
    this._timer = setTimeout(() => void this.refresh(), this.nextWaitMs());
  }
}
