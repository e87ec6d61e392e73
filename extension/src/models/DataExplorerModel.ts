/**
 * The Data Explorer's model: the stored tickers, the chosen ticker and range, its bars, the view
 * (chart or paged table) and the Ingest form with its job. Components render `state` and call the
 * methods; they never call the API themselves.
 */
import type { IDisposable } from "@lumino/disposable";
import { type ISignal, Signal } from "@lumino/signaling";
import { safeParse } from "zod/mini";
import { toApiError } from "../api.js";
import { barsCsvUrl, getBars, listTickers, startIngest } from "../endpoints/data.js";
import type { FieldErrors } from "../forms/jsonSchema.js";
import { type Bars, DAY_PATTERN, type IngestProvider, IngestRequestSchema, type TickerInfo } from "../schemas/data.js";
import type { Job } from "../schemas/jobs.js";
import { lastYear } from "../util/dates.js";
import { fieldErrorsOfApiError, fieldErrorsOfIssues } from "../util/fieldErrors.js";
import type { Loadable } from "../util/loadable.js";
import { JobWatcher } from "./JobWatcher.js";

/** The Ingest form and the job it started. */
export interface IngestState {
  submitting: boolean;
  /** Field name → message ("" for the form as a whole). */
  errors: FieldErrors;
  /** The ingestion job, as last polled. */
  job: Job | undefined;
  /** Why the job's status could not be read. */
  jobError: string | undefined;
}

/** Everything the Data Explorer shows. */
export interface DataExplorerState {
  tickers: Loadable<TickerInfo[]>;
  ticker: string | null;
  /** YYYY-MM-DD, or "" for "from the first bar" / "to the last bar". */
  start: string;
  end: string;
  /** Errors of the range inputs (start, end). */
  rangeErrors: FieldErrors;
  bars: Loadable<Bars>;
  view: "chart" | "table";
  /** Page of the table view, 0-based. */
  page: number;
  ingest: IngestState;
}

/** What the user typed into the Ingest form. */
export interface IngestForm {
  /** Tickers separated by commas or spaces. */
  tickers: string;
  provider: IngestProvider;
  start?: string;
  end?: string;
}

/** Options of a DataExplorerModel. */
export interface DataExplorerModelOptions {
  /** Time between two polls of an ingestion job (default 1000 ms). */
  jobIntervalMs?: number;
}

const INITIAL: DataExplorerState = {
  tickers: { kind: "idle" },
  ticker: null,
  start: "",
  end: "",
  rangeErrors: {},
  bars: { kind: "idle" },
  view: "chart",
  page: 0,
  ingest: { submitting: false, errors: {}, job: undefined, jobError: undefined },
};

/** Splits "AAPL, msft  NOVA.SAMPLE" into tickers; upper-cased, duplicates dropped. */
export function parseTickerList(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).filter(Boolean).map((t) => t.toUpperCase()))];
}

function rangeErrorsOf(start: string, end: string): FieldErrors {
  const errors: FieldErrors = {};
  if (start && !DAY_PATTERN.test(start)) errors.start = "use YYYY-MM-DD";
  if (end && !DAY_PATTERN.test(end)) errors.end = "use YYYY-MM-DD";
  if (!errors.start && !errors.end && start && end && start > end) errors.start = "start must not be after end";
  return errors;
}

/** The Data Explorer's state and actions. */
export class DataExplorerModel implements IDisposable {
  private _state: DataExplorerState = INITIAL;
  private readonly _changed = new Signal<this, DataExplorerState>(this);
  private readonly _jobIntervalMs: number;
  private _watcher: JobWatcher | undefined;
  private _barsRequest = 0;
  private _disposed = false;

  constructor(options: DataExplorerModelOptions = {}) {
    this._jobIntervalMs = options.jobIntervalMs ?? 1000;
  }

  /** The latest state. */
  get state(): DataExplorerState {
    return this._state;
  }

  /** Emits the new state after every change. */
  get changed(): ISignal<this, DataExplorerState> {
    return this._changed;
  }

  /** The chosen ticker's stored info, if any. */
  get tickerInfo(): TickerInfo | undefined {
    return this._state.ticker ? this.tickerInfoOf(this._state.ticker) : undefined;
  }

  /** Where the chosen bars download as CSV; undefined with no ticker chosen. */
  get csvUrl(): string | undefined {
    const { ticker, start, end } = this._state;
    return ticker ? barsCsvUrl({ ticker, start: start || undefined, end: end || undefined }) : undefined;
  }

  /** True once disposed. */
  get isDisposed(): boolean {
    return this._disposed;
  }

  /** Reloads the ticker list; picks the first ticker when none is chosen yet (or the chosen one vanished). */
  async refreshTickers(): Promise<void> {
    this._set({ tickers: this._state.tickers.kind === "ready" ? this._state.tickers : { kind: "loading" } });
    try {
      const list = await listTickers();
      this._set({ tickers: { kind: "ready", value: list } });
      const { ticker } = this._state;
      if (list.length > 0 && (!ticker || !list.some((t) => t.ticker === ticker))) await this.select(list[0].ticker);
    } catch (error) {
      this._set({ tickers: { kind: "error", error: toApiError(error) } });
    }
  }

  /** Chooses a ticker, shows its last year and loads its bars. */
  select(ticker: string): Promise<void> {
    const info = this.tickerInfoOf(ticker);
    const range = info ? lastYear(info.firstBar, info.lastBar) : { start: "", end: "" };
    this._set({ ticker, ...range, rangeErrors: {}, page: 0 });
    return this.loadBars();
  }

  /** Changes the range (YYYY-MM-DD or ""); a valid range reloads the bars. */
  setRange(start: string, end: string): Promise<void> {
    const rangeErrors = rangeErrorsOf(start.trim(), end.trim());
    this._set({ start: start.trim(), end: end.trim(), rangeErrors, page: 0 });
    return Object.keys(rangeErrors).length > 0 ? Promise.resolve() : this.loadBars();
  }

  /** Shows the chart or the table. */
  setView(view: DataExplorerState["view"]): void {
    this._set({ view });
  }

  /** Shows page `page` (0-based) of the table. */
  setPage(page: number): void {
    this._set({ page: Math.max(0, Math.floor(page)) });
  }

  /** Loads the chosen ticker's bars over the chosen range; a newer load wins over an older one. */
  async loadBars(): Promise<void> {
    const { ticker, start, end } = this._state;
    if (!ticker) return;
    const request = ++this._barsRequest;
    this._set({ bars: { kind: "loading" } });
    try {
      const bars = await getBars({ ticker, start: start || undefined, end: end || undefined });
      if (request === this._barsRequest) this._set({ bars: { kind: "ready", value: bars } });
    } catch (caught) {
      if (request !== this._barsRequest) return;
      const error = toApiError(caught);
      const rangeErrors = error.code === "INVALID_INPUT" ? fieldErrorsOfApiError(error, ["start", "end"]) : {};
      delete rangeErrors[""];
      this._set({ bars: { kind: "error", error }, rangeErrors });
    }
  }

  /**
   * Checks the form, POSTs /data/ingest and follows the job; on success reloads the tickers and
   * shows the first one ingested. Resolves with the finished job, or undefined when it was not started.
   */
  async ingest(form: IngestForm): Promise<Job | undefined> {
    const request = {
      tickers: parseTickerList(form.tickers),
      provider: form.provider,
      start: form.start?.trim() || undefined,
      end: form.end?.trim() || undefined,
    };
    const checked = safeParse(IngestRequestSchema, request);
    if (!checked.success) {
      this._setIngest({ errors: fieldErrorsOfIssues(checked.error.issues) });
      return undefined;
    }
    this._watcher?.dispose();
    this._setIngest({ submitting: true, errors: {}, job: undefined, jobError: undefined });
    let jobId: string;
    try {
      jobId = (await startIngest(checked.data)).jobId;
    } catch (caught) {
      const error = toApiError(caught);
      this._setIngest({ submitting: false, errors: fieldErrorsOfApiError(error, ["tickers", "provider", "start", "end"]) });
      return undefined;
    }
    const watcher = new JobWatcher(jobId, { intervalMs: this._jobIntervalMs });
    this._watcher = watcher;
    watcher.changed.connect((_, job) => this._setIngest({ job, jobError: undefined }));
    watcher.failed.connect((_, error) => this._setIngest({ jobError: error.message }));
    this._setIngest({ submitting: false });
    let job: Job;
    try {
      job = await watcher.done;
    } catch {
      return undefined;
    }
    if (this._disposed || watcher !== this._watcher) return job;
    if (job.status === "succeeded") {
      await this.refreshTickers();
      const first = checked.data.tickers.find((t) => this.tickerInfoOf(t));
      if (first) await this.select(first);
    }
    return job;
  }

  /** The stored info of `ticker`, if listed. */
  tickerInfoOf(ticker: string): TickerInfo | undefined {
    return this._state.tickers.kind === "ready" ? this._state.tickers.value.find((t) => t.ticker === ticker) : undefined;
  }

  /** Stops following the job and disconnects listeners. */
  dispose(): void {
    if (this._disposed) return;
    this._disposed = true;
    this._watcher?.dispose();
    Signal.clearData(this);
  }

  private _setIngest(patch: Partial<IngestState>): void {
    this._set({ ingest: { ...this._state.ingest, ...patch } });
  }

  private _set(patch: Partial<DataExplorerState>): void {
    if (this._disposed) return;
    this._state = { ...this._state, ...patch };
    this._changed.emit(this._state);
  }
}
