/**
 * `openQuant()`: the one entry point of kernel-lib, in a notebook, the sidecar or the CLI.
 * It loads settings and wires the components behind one object, in one of two modes
 * (DESIGN.md decision 2): embedded — this process opens the DuckDB file — or client — a running
 * sidecar owns the file and this process reaches storage through it. Both read the same.
 */
import { z } from "zod";
import { loadSettings, type LoadOptions } from "./config/load.js";
import type { Settings } from "./config/schema.js";
import type { BarFrame } from "./data/frame.js";
import { type IngestProgress, type IngestRequest, type IngestResult, ingest, ingestRequestSchema } from "./data/ingest.js";
import { importFiles } from "./data/import/import-files.js";
import { importThroughSidecar } from "./data/import/http-import.js";
import { importJobHandler } from "./data/import/import-job.js";
import type { ImportOptions, ImportResult } from "./data/import/import-types.js";
import { createProvider } from "./data/providers/index.js";
import { tickerSchema } from "./data/providers/ticker.js";
import { Database } from "./data/store/database.js";
import { DuckStore } from "./data/store/duck-store.js";
import { HttpStore } from "./data/store/http-store.js";
import type { MarketStore, TickerInfo } from "./data/store/types.js";
import type { AsOfInput } from "./data/store/as-of.js";
import type { RetentionOptions, RetentionReport } from "./data/store/retention.js";
import type { SnapshotInfo } from "./data/store/snapshots.js";
import { type ReproduceResult, reproduce } from "./models/reproduce.js";
import { reproduceJobHandler } from "./models/reproduce-job.js";
import { Conflict, InvalidInput, NotFound } from "./errors.js";
import { createFeatureCache } from "./features/cache/index.js";
import type { FeatureCache } from "./features/cache/types.js";
import { FeatureEngine, type FeatureRange } from "./features/engine.js";
import type { FeatureSetInput } from "./features/feature-set.js";
import type { FeatureFrame } from "./features/frame.js";
import type { IndicatorParams } from "./features/indicators/types.js";
import { type CustomFeature, type FeatureInfo, FeatureRegistry } from "./features/registry.js";
import { type HealthCheck, type HealthReport, overallStatus, runHealthChecks } from "./health.js";
import { HttpSchedules } from "./jobs/http-schedules.js";
import { JobHandlers } from "./jobs/job-handlers.js";
import { registerJobHandlers } from "./jobs/job-registry.js";
import { type JobExecutor, JobRunner } from "./jobs/job-runner.js";
import { JobStore } from "./jobs/job-store.js";
import { createQueueExecutor } from "./jobs/queue-start.js";
import type { NotebookInfo } from "./jobs/notebook-catalog.js";
import { HttpNotebooks } from "./jobs/notebook-http.js";
import { notebookScheduleHandler } from "./jobs/notebook-job.js";
import type { ParameterValue } from "./jobs/notebook-params.js";
import { type NotebookRunFiles, type NotebookRunOptions, NotebookRunner } from "./jobs/notebook-runner.js";
import type { NotebookRun, NotebookRunQuery } from "./jobs/notebook-runs.js";
import type { ScheduleApi } from "./jobs/schedule-api.js";
import { ScheduleStore } from "./jobs/schedule-store.js";
import { Scheduler } from "./jobs/scheduler.js";
import { compareRuns, type RunComparison } from "./models/compare.js";
import { findModelType } from "./models/impl/index.js";
import { type PredictionResult, Predictor, type PredictRequest } from "./models/predictor.js";
import { registerModel } from "./models/register.js";
import { type TrainSpec, trainSpecSchema } from "./models/spec.js";
import { resolveModelParams, type TrainOptions, type TrainResult, train } from "./models/trainer.js";
import { mlflowHealthCheck } from "./tracking/health.js";
import { type Tracker, trackerFromSettings } from "./tracking/tracker.js";
import { endInterruptedTrainingRuns } from "./jobs/job-interrupted-runs.js";
import { dateInput } from "./util/dates.js";
import { createLogger, type Logger } from "./util/logger.js";
import { SidecarClient } from "./util/sidecar-client.js";
import { validate } from "./util/validate.js";
import { asOfInputSchema } from "./data/store/as-of.js";
import { VERSION } from "./version.js";
import { buildPanel } from "./data/panel/build.js";
import type { Panel, PanelOptions } from "./data/panel/panel.js";
import type { TickerAttributes } from "./data/universes/schema.js";
import { Universes } from "./data/universes/universes.js";
import { addUniverseMembers, checkListUniverse } from "./data/universes/record.js";
import { recordSample500, SAMPLE500_UNIVERSE_NAME, sample500Members } from "./data/universes/sample500.js";
import { universeNameSchema } from "./data/universes/schema.js";

/** Options of openQuant(); everything defaults from configs/ and the environment. */
export interface OpenQuantOptions extends LoadOptions {
  /** Use these settings instead of loading them. */
  settings?: Settings;
  /** Use this logger instead of creating one. */
  logger?: Logger;
  /** Name written on every log line (e.g. "sidecar", "notebook"). */
  component?: string;
  /** auto (default): client when OPENQUANT_API_URL answers or a sidecar holds the file, else embedded. */
  mode?: "auto" | "embedded" | "client";
}

/** Options of a range read. */
export interface BarsOptions {
  /** First bar, e.g. "2020-01-01" (inclusive). */
  start?: string | number | Date;
  /** Last bar (inclusive). */
  end?: string | number | Date;
  /** Bar interval, default "1d". */
  interval?: string;
  /** The bars as recorded by this time (ISO, epoch ms) or in this snapshot (its name); default: current. */
  asOf?: AsOfInput;
}

/** Options of an ingestion besides the tickers. */
export interface IngestOptions extends Omit<IngestRequest, "tickers"> {
  /** Called after each ticker with its result. */
  onProgress?: (progress: IngestProgress) => void;
  signal?: AbortSignal;
  /** What started it, recorded with the run. */
  trigger?: string;
}

const ingestUniverseSchema = z.strictObject({ universe: universeNameSchema });

const barsOptionsSchema = z
  .object({ start: dateInput.optional(), end: dateInput.optional(), interval: z.string().default("1d"), asOf: asOfInputSchema.optional() })
  .strict();

/** What exists only in embedded mode (the process that owns the DuckDB file). */
interface Embedded {
  database: Database;
  store: DuckStore;
  scheduler: Scheduler;
  jobs: JobRunner;
  notebooks: NotebookRunner;
}

/** The OpenQuant platform as seen from one process. */
export class OpenQuant {
  private readonly startedAt = Date.now();
  private readonly extraChecks: HealthCheck[] = [];
  /** Every feature this process knows: the built-ins plus those registered here. */
  readonly featureRegistry = new FeatureRegistry();
  /** Computes feature sets from stored bars, through the cache. */
  readonly featureEngine: FeatureEngine;
  /** MLflow tracking with the local outbox for when MLflow is down. */
  readonly tracker: Tracker;
  /** Loads models by run id or registered name@alias and predicts. */
  readonly predictor: Predictor;
  /** Universes: `list()`, `get(name)`, `define(name, definition)`, `delete(name)`, `members(name, date)`. */
  readonly universes: Universes;

  constructor(
    /** Validated settings. */
    readonly settings: Settings,
    /** The process's logger. */
    readonly logger: Logger,
    /** Where bars are stored: the DuckDB file, or the sidecar that owns it. */
    readonly store: MarketStore,
    /** Cron schedules (ingestion, retraining, notebooks). */
    readonly schedules: ScheduleApi,
    /** The feature cache (memory or Redis). */
    readonly cache: FeatureCache,
    private readonly embedded?: Embedded,
    private readonly sidecar?: SidecarClient,
  ) {
    this.featureEngine = new FeatureEngine({
      store,
      registry: this.featureRegistry,
      cache,
      ttlSeconds: settings.features.cache.ttl_seconds,
      sets: settings.features.sets,
      logger,
    });
    this.tracker = trackerFromSettings(settings, {
      onFallback: ({ reason }) => logger.warn({ reason }, "MLflow is unreachable: the run goes to the local outbox"),
    });
    this.predictor = new Predictor(this.tracker.client, this.featureEngine);
    this.universes = new Universes(store, logger);
  }

  /**
   * One universe's data on an aligned dates × tickers grid: bar `fields` and/or a `featureSet`,
   * over [start, end], as of `asOf`. Columns are Float64Arrays indexed `d * tickers.length + t`,
   * NaN where no value; `mask` is 1 where the ticker is a member that day and has a bar. Features
   * are computed per ticker with warm-up from its earlier bars, then masked by membership.
   * e.g. `await oq.panel("liquid", { featureSet: "default", start: "2020-01-01" })`
   */
  panel(universe: string, options: PanelOptions = {}): Promise<Panel> {
    return buildPanel({ store: this.store, engine: this.featureEngine }, universe, options);
  }

  /** Upserts ticker attributes (sector, industry, name, exchange, currency); a field left out keeps its value. */
  setTickerAttributes(rows: TickerAttributes[]): Promise<{ written: number }> {
    return this.store.setTickerAttributes(rows);
  }

  /** Attributes (sector…) of `tickers`, default every ticker that has some. */
  tickerAttributes(tickers?: string[]): Promise<TickerAttributes[]> {
    return this.store.tickerAttributes(tickers);
  }

  /**
   * Trains a model per the spec (tickers, feature set, horizon, model type and params, split),
   * evaluates it out of sample with a next-bar backtest, and logs the run to MLflow (or the outbox).
   */
  train(spec: TrainSpec, options: Omit<TrainOptions, "keepModel"> = {}): Promise<TrainResult> {
    return train(spec, this.trainDeps(), { ...options, keepModel: true });
  }

  /** Walk-forward (or purged k-fold) cross-validation of a spec: metrics per fold and aggregated, logged as a run. */
  crossValidate(spec: TrainSpec, options: Omit<TrainOptions, "keepModel"> = {}): Promise<TrainResult> {
    const withFolds = { split: { method: "walk_forward", folds: 5 }, ...spec } as TrainSpec;
    return train(withFolds, this.trainDeps(), { ...options, keepModel: false });
  }

  /** What training needs, pinned to the store's bars. */
  private trainDeps() {
    return { settings: this.settings, engine: this.featureEngine, tracker: this.tracker, logger: this.logger, store: this.store, registry: this.featureRegistry };
  }

  /**
   * Retrains MLflow run `runId` from exactly the data and spec it pinned, logs a new run tagged
   * `openquant.reproduces=<runId>`, and compares every metric and prediction with the original.
   */
  reproduce(runId: string, options: Omit<TrainOptions, "keepModel" | "tags"> = {}): Promise<ReproduceResult> {
    return reproduce(runId, this.trainDeps(), options);
  }

  /** Freezes the current bars of `tickers` (default: every stored ticker) under `name`, cheaply (a watermark, no copy). */
  snapshot(name: string, tickers?: string | string[], description?: string): Promise<SnapshotInfo> {
    return this.store.createSnapshot(name, typeof tickers === "string" ? [tickers] : tickers, description);
  }

  /** Every snapshot, newest first. */
  snapshots(): Promise<SnapshotInfo[]> {
    return this.store.listSnapshots();
  }

  /** Deletes a snapshot (bars stay; retention may later drop revisions only it needed). */
  deleteSnapshot(name: string): Promise<void> {
    return this.store.deleteSnapshot(name);
  }

  /** Drops bar revisions superseded more than `olderThanDays` (default: configs' retention.revision_days) ago that no snapshot or run needs; `force` drops those too. */
  applyRetention(options: RetentionOptions = {}): Promise<RetentionReport> {
    return this.store.applyRetention({ olderThanDays: this.settings.dataSources.retention.revision_days, ...options });
  }

  /** Predictions of a model (run id, runs:/id/model or models:/name@alias) for a ticker and range. */
  predict(ref: string, request: PredictRequest): Promise<PredictionResult> {
    return this.predictor.predict(ref, request);
  }

  /** Runs of an experiment with their params and metrics, newest first, for comparison. */
  async compareRuns(experiment?: string, limit = 100): Promise<RunComparison[]> {
    return compareRuns(this.tracker.client, experiment ?? this.settings.mlflow.experiment ?? this.settings.models.experiment, limit);
  }

  /**
   * Replays runs parked in the outbox every `intervalMs` while MLflow is reachable (the sidecar
   * does this); returns a function that stops it.
   */
  startOutboxReplay(intervalMs = 60_000): () => void {
    let busy = false;
    const tick = async () => {
      if (busy) return;
      busy = true;
      try {
        if ((await this.tracker.listOutbox()).length === 0) return;
        const r = await this.tracker.replayOutbox();
        if (r.replayed.length) this.logger.info({ runs: r.replayed.map((x) => x.runId) }, `replayed ${r.replayed.length} run(s) from the outbox to MLflow`);
      } catch (error) {
        this.logger.debug({ err: (error as Error).message }, "outbox replay postponed: MLflow still unreachable");
      } finally {
        busy = false;
      }
    };
    void tick();
    const timer = setInterval(() => void tick(), intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** Registers a run's model in MLflow's model registry and points `alias` at the new version. */
  registerModel(runId: string, name: string, alias?: string): Promise<{ name: string; version: string; alias?: string }> {
    return registerModel(this.tracker.client, runId, name, alias);
  }

  /** "embedded" when this process owns the DuckDB file, "client" when it goes through the sidecar. */
  get mode(): "embedded" | "client" {
    return this.embedded ? "embedded" : "client";
  }

  /** The DuckDB database (embedded mode only). */
  get database(): Database | undefined {
    return this.embedded?.database;
  }

  /** The scheduler that fires schedules (embedded mode only; the sidecar starts it). */
  get scheduler(): Scheduler | undefined {
    return this.embedded?.scheduler;
  }

  /** The job runner: long work with progress, cancellation and a log (embedded mode only). */
  get jobs(): JobRunner | undefined {
    return this.embedded?.jobs;
  }

  /** The notebook runner (embedded mode only; client mode runs notebooks in the sidecar). */
  get notebookRunner(): NotebookRunner | undefined {
    return this.embedded?.notebooks;
  }

  /**
   * Runs a notebook from notebooks/ through the tslab kernel, with `parameters` injected after its
   * cell tagged `parameters` (names and types checked against it first), and resolves with the
   * run's record once it ends: status, duration, output paths, and on failure the failing cell.
   * In client mode the run is a job in the sidecar. e.g. `await oq.runNotebook("05-daily-report.ipynb", { ticker: "BANK.SAMPLE" })`
   */
  runNotebook(path: string, parameters: Record<string, ParameterValue> = {}, options: NotebookRunOptions = {}): Promise<NotebookRun> {
    if (this.embedded) return this.embedded.notebooks.run(path, parameters, { trigger: "notebook", ...options });
    return new HttpNotebooks(this.sidecar as SidecarClient).run(path, parameters, options);
  }

  /** Notebook runs, newest first; filter by `notebook`, `status`, `scheduleId` or `jobId`, at most `limit` (default 50). */
  notebookRuns(query: NotebookRunQuery = {}): Promise<NotebookRun[]> {
    if (this.embedded) return this.embedded.notebooks.runs(query);
    return new HttpNotebooks(this.sidecar as SidecarClient).runs(query);
  }

  /**
   * Hands a notebook run executed in this process to the sidecar, which keeps the records (what
   * `openquant worker` does with its notebook jobs); resolves with the record as kept there. Client mode only.
   */
  publishNotebookRun(run: NotebookRun, files: NotebookRunFiles): Promise<NotebookRun> {
    if (this.embedded) return Promise.reject(new InvalidInput("This process keeps the notebook records itself (embedded mode): there is no sidecar to hand the run to."));
    return new HttpNotebooks(this.sidecar as SidecarClient).publish(run, files);
  }

  /** The notebooks in notebooks/ with the parameters each declares (name, type, default). */
  async notebooks(): Promise<NotebookInfo[]> {
    if (this.embedded) return this.embedded.notebooks.notebooks();
    return new HttpNotebooks(this.sidecar as SidecarClient).notebooks();
  }

  /** Adds a component to the health report (the sidecar adds its job runner). */
  addHealthCheck(check: HealthCheck): void {
    this.extraChecks.push(check);
  }

  /**
   * Ingests tickers (incrementally by default) and returns per-ticker results. `{ universe: name }`
   * ingests every ticker that was ever a member of a stored universe; `{ universe: "sample500" }`
   * loads the sample provider's 500-ticker market offline and records it as the universe
   * `sample500` with each ticker's sector.
   */
  ingest(tickers: string | string[] | { universe: string }, options: IngestOptions = {}): Promise<IngestResult> {
    if (typeof tickers === "object" && !Array.isArray(tickers)) return this.ingestUniverse(tickers, options);
    const { onProgress, signal, trigger, ...rest } = options;
    const sources = this.settings.dataSources;
    return ingest(
      { ...rest, tickers: Array.isArray(tickers) ? tickers : [tickers] },
      {
        store: this.store,
        provider: (name, opts) => createProvider(name, { settings: sources, file: opts.file, logger: this.logger }),
        defaultProvider: sources.default_provider,
        concurrency: sources.ingestion.concurrency,
        overlapBars: sources.ingestion.overlap_bars,
        recordIngestionRun: (result, by) => this.store.recordIngestionRun(result, by),
        onProgress,
        signal,
        trigger: trigger ?? (this.sidecar ? "notebook" : "api"),
      },
    );
  }

  /**
   * Imports your own files: a CSV (also .csv.gz) or Parquet file, a folder of per-ticker files
   * (ticker from the file name) or a glob (`data/*.csv`); long files (`date,ticker,open,…`) or wide
   * single-ticker ones (Yahoo's layout). One transaction: a bad file leaves nothing behind, and the
   * same files again change nothing. In client mode the sidecar reads the files (on its machine).
   * e.g. `await oq.importFiles(".venv/lib/python3.11/site-packages/arch/data/sp500/sp500.csv.gz", { ticker: "^GSPC" })`
   */
  async importFiles(input: string, options: ImportOptions = {}): Promise<ImportResult> {
    if (!this.embedded) return importThroughSidecar(this.sidecar as SidecarClient, input, options);
    // a universe that cannot take the members is refused before anything is written
    if (options.universe) await checkListUniverse(this.store, options.universe);
    const result = await importFiles(this.embedded.store, { ...options, input });
    if (result.universe) await this.recordImportedMembers(result.universe, result.interval);
    return result;
  }

  /** Records an import's tickers in its `universe`, each over its whole stored bar range. */
  private async recordImportedMembers(universe: NonNullable<ImportResult["universe"]>, interval: ImportResult["interval"]): Promise<void> {
    if (universe.members.length === 0) return;
    const ranges = await Promise.all(
      universe.members.map(async (m) => {
        const info = await this.store.tickerInfo(m.ticker, interval);
        return { ticker: m.ticker, from: info?.firstBar ?? m.from, to: info?.lastBar ?? m.to };
      }),
    );
    await addUniverseMembers(this.store, universe.name, ranges, "import");
    universe.members = ranges.map((r) => ({ ticker: r.ticker, from: r.from.slice(0, 10), to: r.to.slice(0, 10) }));
    universe.recorded = true;
  }

  /** Ingests the tickers of a universe (see `ingest`). */
  private async ingestUniverse(target: { universe: string }, options: IngestOptions): Promise<IngestResult> {
    const name = validate(ingestUniverseSchema, target, "ingestion target").universe;
    if (name === SAMPLE500_UNIVERSE_NAME) {
      const members = sample500Members(this.settings.dataSources.providers.sample.seed);
      const result = await this.ingest(
        members.map((m) => m.ticker),
        { ...options, provider: "sample" },
      );
      const ok = new Set(result.tickers.filter((t) => t.status === "ok").map((t) => t.ticker));
      await recordSample500(this.store, members.filter((m) => ok.has(m.ticker)));
      return result;
    }
    let universe: Awaited<ReturnType<MarketStore["getUniverse"]>>;
    try {
      universe = await this.store.getUniverse(name);
    } catch (error) {
      if (error instanceof NotFound) throw new NotFound(`${error.message} The built-in '${SAMPLE500_UNIVERSE_NAME}' loads the offline sample market.`, error.details);
      throw error;
    }
    return this.ingest([...new Set(universe.memberships.map((m) => m.ticker))], options);
  }

  /** OHLCV bars of one ticker over a date range, as columns. */
  bars(ticker: string, options: BarsOptions = {}): Promise<BarFrame> {
    const t = validate(tickerSchema, ticker, "ticker");
    const o = validate(barsOptionsSchema, options, "bars options");
    return this.store.readBars({ ticker: t, interval: o.interval as BarFrame["interval"], start: o.start, end: o.end, asOf: o.asOf });
  }

  /** Every stored ticker with its provider, first/last bar, rows and data version. */
  tickers(): Promise<TickerInfo[]> {
    return this.store.listTickers();
  }

  /**
   * Computes a feature set for one ticker (→ one frame) or several (→ one frame each, computed
   * concurrently). `set` is a set name from configs/features.yaml ("default") or a list of
   * `{ name, params }`. Only rows in [start, end] are returned; warm-up comes from earlier bars.
   */
  features(ticker: string, set?: FeatureSetInput, range?: FeatureRange): Promise<FeatureFrame>;
  features(tickers: string[], set?: FeatureSetInput, range?: FeatureRange): Promise<FeatureFrame[]>;
  features(tickers: string | string[], set: FeatureSetInput = "default", range: FeatureRange = {}): Promise<FeatureFrame | FeatureFrame[]> {
    return Array.isArray(tickers) ? this.featureEngine.compute(tickers, set, range) : this.featureEngine.computeOne(tickers, set, range);
  }

  /** Registers a custom feature (a function over the frame's columns) usable like a built-in. */
  registerFeature<P extends IndicatorParams>(feature: CustomFeature<P>, options: { replace?: boolean } = {}): void {
    this.featureRegistry.register(feature, options);
  }

  /** Every feature: name, description, parameter schema with defaults, outputs and lookback. */
  listFeatures(): FeatureInfo[] {
    return this.featureRegistry.list();
  }

  /** Defines the universes of configs/universes.yaml, then starts firing schedules (the sidecar does this; YAML schedules are added first). */
  async startScheduler(): Promise<void> {
    if (!this.embedded) throw new Conflict("The scheduler runs in the sidecar; this process is in client mode.");
    await this.universes.defineFromConfig(this.settings.universes?.universes ?? {}, this.settings.config_dir);
    await this.embedded.scheduler.start(this.settings.dataSources.schedules);
  }

  /** Measures every component and reports the platform's health. Never throws. */
  async health(): Promise<HealthReport> {
    if (!this.embedded && this.sidecar) return this.sidecar.request<HealthReport>("GET", "/health");
    const embedded = this.embedded as Embedded;
    const checks: HealthCheck[] = [
      {
        name: "duckdb",
        critical: true,
        check: async () => ({ status: "up", version: await embedded.database.version(), details: { path: embedded.database.path } }),
      },
      { name: "cache", check: () => this.cache.health() },
      mlflowHealthCheck(this.settings.mlflow.tracking_uri),
      { name: "scheduler", check: () => embedded.scheduler.health() },
      { name: "jobs", check: () => embedded.jobs.health() },
      ...this.extraChecks,
    ];
    const components = await runHealthChecks(checks);
    const critical = new Set(checks.filter((c) => c.critical).map((c) => c.name));
    return {
      status: overallStatus(components, critical),
      version: VERSION,
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 100) / 10,
      time: new Date().toISOString(),
      components,
    };
  }

  /** Lets running jobs finish (up to `jobGraceMs`), stops the scheduler and releases the database file and connections. */
  async close(jobGraceMs = 10_000): Promise<void> {
    await this.embedded?.jobs.shutdown(jobGraceMs);
    await this.embedded?.scheduler.stop();
    await this.cache.close();
    this.embedded?.database.close();
  }
}

async function sidecarAnswers(client: SidecarClient): Promise<boolean> {
  try {
    await client.request("GET", "/health");
    return true;
  } catch (error) {
    // a 503 from /health still means a sidecar is there
    return (error as { code?: string }).code === "UNAVAILABLE" && !/cannot be reached/.test((error as Error).message);
  }
}

/**
 * Opens OpenQuant: loads settings (configs/*.yaml + OPENQUANT_* env) and picks the mode by itself.
 * In a notebook: `const oq = await openQuant()`.
 */
export async function openQuant(options: OpenQuantOptions = {}): Promise<OpenQuant> {
  const settings = options.settings ?? loadSettings(options);
  const logger =
    options.logger ??
    createLogger({ level: settings.log_level, logDir: settings.log_dir, base: { component: options.component ?? "kernel-lib" } });
  const cache = createFeatureCache({ redisUrl: settings.redis_url, maxBytes: settings.features.cache.max_bytes, logger });
  const mode = options.mode ?? "auto";
  const client = (url: string) => new SidecarClient(url, settings.server.token);
  const asClient = (sidecar: SidecarClient) =>
    new OpenQuant(settings, logger, new HttpStore(sidecar), new HttpSchedules(sidecar), cache, undefined, sidecar);

  if (mode === "client" || (mode === "auto" && settings.api_url)) {
    const sidecar = client(settings.api_url ?? `http://${settings.server.host}:${settings.server.port}`);
    if (mode === "client" || (await sidecarAnswers(sidecar))) return asClient(sidecar);
    logger.warn(`OPENQUANT_API_URL=${settings.api_url} does not answer; opening ${settings.duckdb_path} directly`);
  }
  let database: Database;
  try {
    database = await Database.open(settings.duckdb_path);
  } catch (error) {
    // Another process holds the file: if it is a sidecar, go through it instead of failing.
    if (mode === "auto" && error instanceof Conflict) {
      const sidecar = client(`http://${settings.server.host}:${settings.server.port}`);
      if (await sidecarAnswers(sidecar)) return asClient(sidecar);
    }
    await cache.close();
    throw error;
  }
  const store = new DuckStore(database, { revisionRetentionDays: settings.dataSources.retention.revision_days });
  const oqRef: { current?: OpenQuant } = {};
  const scheduler = new Scheduler(
    new ScheduleStore(database, store),
    {
      ingest: {
        params: ingestRequestSchema,
        run: async (params, { scheduleId, signal }) => {
          const { tickers, ...rest } = params as IngestRequest;
          const r = await (oqRef.current as OpenQuant).ingest(tickers, { ...rest, signal, trigger: `schedule:${scheduleId}` });
          return { runId: r.runId, status: r.status, totals: r.totals };
        },
      },
      // retraining on a schedule: the same spec as oq.train, e.g. after the nightly ingestion
      train: {
        // the model type and its hyperparameters are checked when the schedule is saved, not when it fires
        params: trainSpecSchema.superRefine((spec, ctx) => {
          try {
            resolveModelParams(findModelType(spec.model.type), spec, settings);
          } catch (error) {
            ctx.addIssue({ code: "custom", path: ["model"], message: (error as Error).message });
          }
        }),
        run: async (params, { signal }) => {
          const r = await (oqRef.current as OpenQuant).train(params as TrainSpec, { signal });
          return { runId: r.runId, destination: r.destination, metrics: r.metrics, registered: r.registered };
        },
      },
    },
    logger,
  );
  const platform = () => oqRef.current as OpenQuant;
  const notebooks = new NotebookRunner(settings, { logger });
  const handlers = new JobHandlers();
  // the kinds every `openquant worker` runs too (DESIGN.md decision 8)
  const queuedKinds = registerJobHandlers(handlers, platform, () => notebooks);
  let executor: JobExecutor | undefined;
  try {
    executor =
      settings.queue === "redis"
        ? await createQueueExecutor({ settings, logger, handlers, queuedKinds, crossValidate: () => (spec, o) => platform().crossValidate(spec, o) })
        : undefined;
  } catch (error) {
    database.close();
    await cache.close();
    throw error;
  }
  const jobs = new JobRunner(new JobStore(database, store), handlers, { logger, concurrency: settings.jobs.concurrency, executor });
  jobs.handlers.register("reproduce", reproduceJobHandler((runId, o) => (oqRef.current as OpenQuant).reproduce(runId, o)));
  // the sidecar's own kind: it reads the files into the DuckDB file it owns (a queue worker could not)
  jobs.handlers.register("import", importJobHandler(({ input, ...options }) => (oqRef.current as OpenQuant).importFiles(input, options)));
  scheduler.setHandler("notebook", notebookScheduleHandler(() => notebooks));
  const interrupted = await jobs.start();
  oqRef.current = new OpenQuant(settings, logger, store, scheduler, cache, { database, store, scheduler, jobs, notebooks });
  jobs.resume();
  // interrupted jobs died with the process that ran them (those on the work queue are followed again instead)
  if (interrupted.length) {
    const tracker = oqRef.current.tracker;
    void Promise.all(interrupted.map((id) => jobs.get(id)))
      .then((list) => endInterruptedTrainingRuns(list, tracker, settings, logger))
      .catch((error: Error) => logger.warn({ err: error.message }, "could not end the MLflow runs of interrupted jobs"));
  }
  return oqRef.current;
}
