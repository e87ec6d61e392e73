/**
 * Predictions of one model for a ticker and range, beside the realised forward returns: used for a
 * freshly trained run (its test period) and for a registered model (models:/name@alias).
 */
import type { IDisposable } from "@lumino/disposable";
import { type ISignal, Signal } from "@lumino/signaling";
import { type ApiError, toApiError } from "../api.js";
import { getBars } from "../endpoints/data.js";
import { fetchRegisteredModels, type PredictRequest, predict } from "../endpoints/models.js";
import type { RegisteredModel } from "../schemas/models.js";
import { type PredictionSeries, predictionSeries } from "./ModelPredictionSeries.js";

/** Nothing asked yet, asking, the series, or why there is none. */
export type PredictionState =
  | { kind: "idle" }
  | { kind: "loading"; request: PredictRequest }
  | { kind: "ready"; request: PredictRequest; series: PredictionSeries }
  | { kind: "error"; request: PredictRequest; error: ApiError; fieldErrors: Record<string, string> };

/** A model reference as the predict route takes it: run ids pass as they are, `name@alias` becomes models:/name@alias. */
export function modelReference(text: string): string {
  const ref = text.trim();
  if (/^[0-9a-f]{32}$/.test(ref) || ref.startsWith("models:/") || ref.startsWith("runs:/")) return ref;
  return `models:/${ref}`;
}

/** The `name@alias` references of registered models, for a picker. */
export function aliasReferences(models: readonly RegisteredModel[]): string[] {
  return models.flatMap((m) => Object.keys(m.aliases ?? {}).map((alias) => `${m.name}@${alias}`)).sort();
}

function fieldErrorsOf(error: ApiError): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!Array.isArray(error.details)) return errors;
  for (const d of error.details as Array<{ path?: unknown; message?: unknown }>) {
    if (typeof d?.path === "string" && typeof d.message === "string" && !(d.path in errors)) errors[d.path] = d.message;
  }
  return errors;
}

/** Asks for predictions and the bars to judge them; emits `changed` after each change. */
export class ModelPredictionModel implements IDisposable {
  private _state: PredictionState = { kind: "idle" };
  private _registered: string[] = [];
  private readonly _changed = new Signal<this, void>(this);
  private _latest = 0;
  private _disposed = false;

  /** The latest prediction, or why there is none. */
  get state(): PredictionState {
    return this._state;
  }

  /** `name@alias` of every registered model with an alias. */
  get registered(): readonly string[] {
    return this._registered;
  }

  /** Emits after every change. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** True once disposed. */
  get isDisposed(): boolean {
    return this._disposed;
  }

  /** Reads the registered models' aliases (left empty when MLflow cannot be asked). */
  async loadRegistered(): Promise<readonly string[]> {
    try {
      this._registered = aliasReferences(await fetchRegisteredModels());
    } catch {
      this._registered = [];
    }
    this._emit();
    return this._registered;
  }

  /** Predicts with `request.model` (run id, name@alias or models:/…) and lines the predictions up with what happened. */
  async predict(request: PredictRequest): Promise<PredictionState> {
    const asked: PredictRequest = { ...request, model: modelReference(request.model), ticker: request.ticker.trim().toUpperCase() };
    const ticket = ++this._latest;
    this._set({ kind: "loading", request: asked });
    let next: PredictionState;
    try {
      const prediction = await predict(asked);
      const bars = await getBars({ ticker: prediction.ticker, start: prediction.dates[0]?.slice(0, 10) });
      next = { kind: "ready", request: asked, series: predictionSeries(prediction, bars) };
    } catch (caught) {
      const error = toApiError(caught);
      next = { kind: "error", request: asked, error, fieldErrors: fieldErrorsOf(error) };
    }
    // a newer request wins over a slower older one
    if (ticket === this._latest) this._set(next);
    return next;
  }

  /** Stops emitting. */
  dispose(): void {
    if (this._disposed) return;
    this._disposed = true;
    Signal.clearData(this);
  }

  private _set(state: PredictionState): void {
    if (this._disposed) return;
    this._state = state;
    this._emit();
  }

  private _emit(): void {
    if (!this._disposed) this._changed.emit();
  }
}
