/**
 * The Feature Explorer's model: the feature registry and stored tickers, the chosen ticker, range
 * and features with their parameters (forms generated from each feature's JSON schema), and the
 * computed columns. Components render `state` and call the methods.
 */
import type { IDisposable } from "@lumino/disposable";
import { type ISignal, Signal } from "@lumino/signaling";
import { type ApiError, toApiError } from "../api.js";
import { listTickers } from "../endpoints/data.js";
import { computeFeatures, listFeatures } from "../endpoints/features.js";
import { errorsFromDetails, type FieldErrors, type FormValues, fieldsOf, initialValues, readForm } from "../forms/jsonSchema.js";
import { DAY_PATTERN, type TickerInfo } from "../schemas/data.js";
import type { ComputeRequest, FeatureFrame, FeatureInfo, FeatureRef } from "../schemas/features.js";
import { lastYear } from "../util/dates.js";
import type { Loadable } from "../util/loadable.js";

/** A chosen feature: its name, what the user typed into its form, and that form's errors. */
export interface SelectedFeature {
  name: string;
  values: FormValues;
  errors: FieldErrors;
}

/** The computed frame with the features (and their output columns) it was computed for. */
export interface FeatureResult {
  frame: FeatureFrame;
  features: { name: string; outputs: string[] }[];
  request: ComputeRequest;
}

/** Everything the Feature Explorer shows. */
export interface FeatureExplorerState {
  features: Loadable<FeatureInfo[]>;
  tickers: Loadable<TickerInfo[]>;
  ticker: string | null;
  start: string;
  end: string;
  rangeErrors: FieldErrors;
  selected: SelectedFeature[];
  result: Loadable<FeatureResult>;
}

/** Features chosen when the panel opens, when the registry has them. */
export const DEFAULT_FEATURES = ["sma", "bbands", "rsi", "macd"] as const;

const INITIAL: FeatureExplorerState = {
  features: { kind: "idle" },
  tickers: { kind: "idle" },
  ticker: null,
  start: "",
  end: "",
  rangeErrors: {},
  selected: [],
  result: { kind: "idle" },
};

/** The feature a refusal of POST /features/compute is about ("Invalid params of feature 'rsi': …"). */
export function featureNamedIn(error: ApiError): string | undefined {
  return /feature '([^']+)'/.exec(error.message)?.[1];
}

/** The Feature Explorer's state and actions. */
export class FeatureExplorerModel implements IDisposable {
  private _state: FeatureExplorerState = INITIAL;
  private readonly _changed = new Signal<this, FeatureExplorerState>(this);
  private _request = 0;
  private _disposed = false;

  /** The latest state. */
  get state(): FeatureExplorerState {
    return this._state;
  }

  /** Emits the new state after every change. */
  get changed(): ISignal<this, FeatureExplorerState> {
    return this._changed;
  }

  /** True once disposed. */
  get isDisposed(): boolean {
    return this._disposed;
  }

  /** The registry entry of `name`. */
  featureInfo(name: string): FeatureInfo | undefined {
    return this._state.features.kind === "ready" ? this._state.features.value.find((f) => f.name === name) : undefined;
  }

  /** Loads the registry and the tickers; chooses the first ticker (its last year) and the default features. */
  async load(): Promise<void> {
    this._set({ features: { kind: "loading" }, tickers: { kind: "loading" } });
    const [features, tickers] = await Promise.allSettled([listFeatures(), listTickers()]);
    if (features.status === "fulfilled") {
      this._set({ features: { kind: "ready", value: features.value } });
      if (this._state.selected.length === 0) {
        for (const name of DEFAULT_FEATURES) if (features.value.some((f) => f.name === name)) this.toggleFeature(name, true);
      }
    } else {
      this._set({ features: { kind: "error", error: toApiError(features.reason) } });
    }
    if (tickers.status === "fulfilled") {
      this._set({ tickers: { kind: "ready", value: tickers.value } });
      const first = tickers.value[0];
      if (first && !this._state.ticker) this.selectTicker(first.ticker);
    } else {
      this._set({ tickers: { kind: "error", error: toApiError(tickers.reason) } });
    }
  }

  /** Chooses a ticker and shows its last year. */
  selectTicker(ticker: string): void {
    const info = this._state.tickers.kind === "ready" ? this._state.tickers.value.find((t) => t.ticker === ticker) : undefined;
    this._set({ ticker, ...(info ? lastYear(info.firstBar, info.lastBar) : { start: "", end: "" }), rangeErrors: {} });
  }

  /** Changes the range (YYYY-MM-DD or ""); checked when computing. */
  setRange(start: string, end: string): void {
    this._set({ start: start.trim(), end: end.trim(), rangeErrors: {} });
  }

  /** Adds (with its defaults) or removes a feature. */
  toggleFeature(name: string, on: boolean): void {
    const { selected } = this._state;
    if (!on) {
      this._set({ selected: selected.filter((s) => s.name !== name) });
      return;
    }
    const info = this.featureInfo(name);
    if (!info || selected.some((s) => s.name === name)) return;
    this._set({ selected: [...selected, { name, values: initialValues(fieldsOf(info.params)), errors: {} }] });
  }

  /** Records what the user typed into a feature's form. */
  setParams(name: string, values: FormValues): void {
    this._set({ selected: this._state.selected.map((s) => (s.name === name ? { ...s, values, errors: {} } : s)) });
  }

  /**
   * Checks the range and every feature's form, then POSTs /features/compute. Problems are shown at
   * their field (the sidecar's refusals too); resolves with the result, or undefined.
   */
  async compute(): Promise<FeatureResult | undefined> {
    const { ticker, start, end, selected } = this._state;
    const rangeErrors: FieldErrors = {};
    if (start && !DAY_PATTERN.test(start)) rangeErrors.start = "use YYYY-MM-DD";
    if (end && !DAY_PATTERN.test(end)) rangeErrors.end = "use YYYY-MM-DD";
    if (!rangeErrors.start && !rangeErrors.end && start && end && start > end) rangeErrors.start = "start must not be after end";

    const featureSet: FeatureRef[] = [];
    const checked = selected.map((s) => {
      const read = readForm(fieldsOf(this.featureInfo(s.name)?.params), s.values);
      if (read.ok) featureSet.push({ name: s.name, params: read.params });
      return { ...s, errors: read.ok ? {} : read.errors };
    });
    this._set({ selected: checked, rangeErrors });
    if (!ticker || featureSet.length === 0 || Object.keys(rangeErrors).length > 0 || featureSet.length < selected.length) {
      if (!ticker || featureSet.length === 0) this._set({ result: { kind: "idle" } });
      return undefined;
    }

    const request: ComputeRequest = { ticker, featureSet, start: start || undefined, end: end || undefined };
    const id = ++this._request;
    this._set({ result: { kind: "loading" } });
    try {
      const frame = await computeFeatures(request);
      if (id !== this._request) return undefined;
      const features = featureSet.map((f) => ({ name: f.name, outputs: this._outputsOf(f, frame) }));
      const result: FeatureResult = { frame, features, request };
      this._set({ result: { kind: "ready", value: result } });
      return result;
    } catch (caught) {
      if (id !== this._request) return undefined;
      const error = toApiError(caught);
      this._set({ result: { kind: "error", error } });
      this._showRefusal(error);
      return undefined;
    }
  }

  /** Disconnects listeners; later answers are dropped. */
  dispose(): void {
    if (this._disposed) return;
    this._disposed = true;
    Signal.clearData(this);
  }

  // The registry names outputs for the default params (sma_20); with other params the frame's column
  // is sma_50, so columns are matched on the name without its parameter suffix.
  private _outputsOf(feature: FeatureRef, frame: FeatureFrame): string[] {
    const columns = Object.keys(frame.columns);
    const info = this.featureInfo(feature.name);
    if (!info) return [];
    const suffix = (name: string) => name.replace(/(_-?[\d.]+)+$/, "");
    const stems = info.outputs.map(suffix);
    return columns.filter((c) => stems.includes(suffix(c)));
  }

  private _showRefusal(error: ApiError): void {
    if (error.code !== "INVALID_INPUT") return;
    const name = featureNamedIn(error);
    const byField = errorsFromDetails(error.details);
    if (name && Object.keys(byField).length > 0) {
      this._set({ selected: this._state.selected.map((s) => (s.name === name ? { ...s, errors: byField } : s)) });
    } else if (byField.start || byField.end) {
      this._set({ rangeErrors: { ...(byField.start ? { start: byField.start } : {}), ...(byField.end ? { end: byField.end } : {}) } });
    }
  }

  private _set(patch: Partial<FeatureExplorerState>): void {
    if (this._disposed) return;
    this._state = { ...this._state, ...patch };
    this._changed.emit(this._state);
  }
}
