/**
 * Training: features → a labelled dataset → chronological folds (purge + embargo) → fit and
 * predict each fold → metrics and a next-bar backtest → everything logged to MLflow (or the
 * outbox when MLflow is down). A failed run is recorded as FAILED with its error.
 */
import { execFileSync } from "node:child_process";
import type { Settings } from "../config/schema.js";
import { InvalidInput } from "../errors.js";
import type { MarketStore } from "../data/store/types.js";
import type { FeatureEngine } from "../features/engine.js";
import type { FeatureRegistry } from "../features/registry.js";
import { flattenParams } from "../tracking/flatten.js";
import { endAbandonedRuns, JOB_ID_TAG } from "../tracking/job-runs.js";
import { MAX_TAG_VALUE_LENGTH } from "../tracking/limits.js";
import type { TrackedRun } from "../tracking/tracked-run.js";
import type { Tracker } from "../tracking/tracker.js";
import type { Logger } from "../util/logger.js";
import { validate } from "../util/validate.js";
import { VERSION } from "../version.js";
import { runBacktests, type TickerBacktest } from "./backtest-runs.js";
import { findModelType } from "./impl/index.js";
import { evaluateFolds, type FoldPredictions } from "./metrics/index.js";
import { modelArtifacts } from "./mlmodel.js";
import { registerModel } from "./register.js";
import { type ResolvedTrainSpec, type TrainSpec, trainSpecSchema } from "./spec.js";
import { fitFold, labelAndSplit, loadFeatureFrames } from "./train-steps.js";
import type { RunDataPin } from "./data-pin.js";
import { pinTraining, recordRunPin } from "./trainer-pin.js";
import type { Model, ModelType } from "./types.js";

/** Progress of a training run, for progress bars and job progress. */
export interface TrainProgress {
  stage: "features" | "dataset" | "fit" | "evaluate" | "log";
  /** 0..1 over the whole run. */
  fraction: number;
  message: string;
  fold?: number;
  folds?: number;
  iteration?: number;
  iterations?: number;
}

/** What a training run produced. */
export interface TrainResult {
  /** MLflow run id (undefined while the run waits in the outbox). */
  runId?: string;
  /** Local id, also the outbox id; a tag on the MLflow run. */
  localRunId: string;
  destination: "mlflow" | "outbox";
  experiment: string;
  spec: ResolvedTrainSpec;
  modelParams: Record<string, unknown>;
  featureSetHash: string;
  features: string[];
  rows: number;
  /** Pooled metrics over every test row, plus `mean_*` and `std_*` across folds. */
  metrics: Record<string, number>;
  folds: Array<{ fold: number; trainRows: number; testRows: number; testStart: string; testEnd: string; metrics: Record<string, number> }>;
  backtests: TickerBacktest[];
  /** Out-of-sample predictions: one row per test row of every fold. */
  predictions: { ts: Float64Array; ticker: string[]; actual: Float64Array; predicted: Float64Array; fold: Int32Array };
  /** Registered model version, when the spec asked to register. */
  registered?: { name: string; version: string; alias?: string };
  /** What the fits decided that the user should know (e.g. collinear features a linear model left out), once each; also the run's `openquant.model_notes` tag. */
  notes: string[];
  /** The exact data, spec, seeds and versions of the run (when trained with a store to pin to). */
  dataPin?: RunDataPin;
}

/** What training needs around it: settings, the feature engine and the tracker. */
export interface TrainDeps {
  settings: Settings;
  engine: FeatureEngine;
  tracker: Tracker;
  logger?: Logger;
  /** The bar store: with `registry`, the run reads its bars as of one time and records a data pin. */
  store?: MarketStore;
  /** The feature registry the pinned feature engine resolves features with. */
  registry?: FeatureRegistry;
}

/** The folds of a cross-validation handed to workers: the spec (its feature set resolved), the hyperparameters and each fold's test row count. */
export interface RemoteFoldPlan {
  spec: ResolvedTrainSpec;
  modelParams: Record<string, unknown>;
  folds: Array<{ fold: number; testRows: number }>;
}

/** Options of a training run: progress, cancellation, whether to keep the model. */
export interface TrainOptions {
  onProgress?: (p: TrainProgress) => void;
  signal?: AbortSignal;
  /** Keep and log the final model (train) or only evaluate (cross-validate). */
  keepModel?: boolean;
  /** Extra tags of the run (e.g. `openquant.reproduces`). */
  tags?: Record<string, string>;
  /**
   * The job this training runs as: the run is tagged with it, and a run an earlier attempt of the
   * same job left RUNNING (its process died) is ended KILLED first.
   */
  jobId?: string;
  /** Fits the folds elsewhere (the work queue's workers) and returns each fold's test predictions in fold order; only without keepModel. */
  remoteFolds?: (plan: RemoteFoldPlan) => Promise<Float64Array[]>;
}

function gitCommit(home: string): string | undefined {
  try {
    return execFileSync("git", ["rev-parse", "HEAD"], { cwd: home, stdio: ["ignore", "pipe", "ignore"] }).toString().trim();
  } catch {
    return undefined;
  }
}

/** Hyperparameters: the type's defaults, then configs/model_config.yaml's, then the spec's; the spec's seed when the type takes one. */
export function resolveModelParams(type: ModelType, spec: ResolvedTrainSpec, settings: Settings): Record<string, unknown> {
  const defaults = type.params.parse({}) as Record<string, unknown>;
  const configured = settings.models.defaults[type.name] ?? {};
  const seed = "seed" in defaults && spec.model.params.seed === undefined ? { seed: spec.seed } : {};
  return validate(type.params, { ...configured, ...seed, ...spec.model.params }, `hyperparameters of ${type.name}`) as Record<string, unknown>;
}

/** Numeric fields as MLflow metrics: snake_case keys (`rankIc` → `rank_ic`) with an optional prefix. */
function asMetrics(values: object, prefix = ""): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(values)) {
    if (typeof v === "number") out[`${prefix}${k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`] = v;
  }
  return out;
}

function csv(header: string[], rows: Array<Array<string | number>>): string {
  return `${header.join(",")}\n${rows.map((r) => r.join(",")).join("\n")}\n`;
}

/** Ends the runs an earlier attempt of this job left RUNNING; MLflow being down only delays that (a warning). */
async function endEarlierAttempts(deps: TrainDeps, experiment: string, jobId: string): Promise<void> {
  try {
    const ended = await endAbandonedRuns(deps.tracker.client, experiment, jobId, "a later attempt of the same job");
    if (ended.length) deps.logger?.warn({ jobId, runs: ended }, `ended ${ended.length} run(s) an earlier attempt of job ${jobId} left running`);
  } catch (error) {
    deps.logger?.warn({ jobId, err: (error as Error).message }, "could not check MLflow for runs an earlier attempt left running");
  }
}

/** The tag holding a run's model notes, one per line. */
export const MODEL_NOTES_TAG = "openquant.model_notes";

/** Trains and evaluates per the spec, logging the run. See TrainResult. */
export async function train(input: TrainSpec, deps: TrainDeps, options: TrainOptions = {}): Promise<TrainResult> {
  const startedAt = Date.now();
  const spec = validate(trainSpecSchema, input, "training spec");
  const type = findModelType(spec.model.type);
  if (!type.tasks.includes(spec.task)) {
    throw new InvalidInput(`Model type '${type.name}' does not do ${spec.task}; it does ${type.tasks.join(" and ")}.`, [{ path: "task", message: "unsupported" }]);
  }
  const modelParams = resolveModelParams(type, spec, deps.settings);
  const experiment = spec.experiment ?? deps.settings.mlflow.experiment ?? deps.settings.models.experiment;
  const resolvedSet = deps.engine.resolve(spec.featureSet);
  const progress = (p: TrainProgress) => options.onProgress?.(p);
  const keepModel = options.keepModel ?? true;
  if (keepModel && options.remoteFolds) throw new InvalidInput("Folds fitted on workers leave no final model: remoteFolds is for cross-validation only.");

  // every bar read as of one time (the training start unless asOf is given), then pinned
  const pinned = deps.store && deps.registry ? await pinTraining(spec, { store: deps.store, registry: deps.registry, settings: deps.settings, logger: deps.logger }, startedAt) : undefined;

  if (options.jobId) await endEarlierAttempts(deps, experiment, options.jobId);
  const run: TrackedRun = await deps.tracker.startRun({
    experiment,
    runName: spec.runName ?? `${type.name}-h${spec.horizon}-${spec.tickers.slice(0, 3).join("+")}`,
    tags: {
      "openquant.kernel_lib_version": VERSION,
      "openquant.feature_set_hash": resolvedSet.hash,
      "openquant.model_type": type.name,
      "openquant.task": spec.task,
      "openquant.kind": keepModel ? "train" : "cross_validate",
      ...(gitCommit(deps.settings.home) ? { "mlflow.source.git.commit": gitCommit(deps.settings.home) as string } : {}),
      ...options.tags,
      ...(options.jobId ? { [JOB_ID_TAG]: options.jobId } : {}),
    },
  });
  let finalModel: Model | undefined;
  try {
    await run.logParams(flattenParams({ ...spec, model: { type: type.name, params: modelParams }, featureSet: resolvedSet.definition }));

    progress({ stage: "features", fraction: 0.02, message: `computing ${resolvedSet.columns.length} features for ${spec.tickers.length} tickers` });
    const frames = await loadFeatureFrames(spec, resolvedSet, pinned?.engine ?? deps.engine);
    await run.setTags(Object.fromEntries(frames.map((f) => [`openquant.data_version.${f.ticker}`, String(f.dataVersion)])));
    const dataPin =
      pinned && deps.store ? await recordRunPin(pinned, run, { spec, modelType: type.name, modelParams, featureSet: resolvedSet, store: deps.store }) : undefined;

    progress({ stage: "dataset", fraction: 0.1, message: "building the labelled dataset" });
    const { dataset, split } = labelAndSplit(spec, resolvedSet, frames);
    const remote = options.remoteFolds ? await options.remoteFolds({
          // the workers get the feature definitions and hyperparameters themselves, not names their own configs could resolve otherwise
          // and the pinned time, so their folds read the very bars this run pinned
          spec: { ...spec, featureSet: resolvedSet.definition, ...(pinned ? { asOf: pinned.time.asOf } : {}) },
          modelParams,
          folds: split.folds.map((f) => ({ fold: f.fold, testRows: f.test.length })),
        }) : undefined;

    const notes = new Set<string>();
    const foldPredictions: FoldPredictions[] = [];
    const rowsOut: number[] = [];
    const foldOf: number[] = [];
    const predicted: number[] = [];
    for (const fold of split.folds) {
      options.signal?.throwIfAborted();
      const base = 0.12 + (0.7 * fold.fold) / split.folds.length;
      const span = 0.7 / split.folds.length;
      const fitted = remote
        ? { model: undefined, predicted: remote[fold.fold] }
        : await fitFold(type, spec, modelParams, dataset, fold, {
            signal: options.signal,
            onProgress: (p) =>
              progress({
                stage: "fit",
                fraction: base + (span * p.iteration) / Math.max(1, p.total),
                message: `fold ${fold.fold + 1}/${split.folds.length}: ${p.iteration}/${p.total}`,
                fold: fold.fold,
                folds: split.folds.length,
                iteration: p.iteration,
                iterations: p.total,
              }),
          });
      const { model, predicted: yPred } = fitted;
      for (const note of model?.notes?.() ?? []) {
        if (!notes.has(note)) progress({ stage: "fit", fraction: base + span, message: note });
        notes.add(note);
      }
      try {
        foldPredictions.push({ yTrue: Float64Array.from(fold.test, (r) => dataset.y[r]), yPred });
        for (let k = 0; k < fold.test.length; k++) {
          rowsOut.push(fold.test[k]);
          foldOf.push(fold.fold);
          predicted.push(yPred[k]);
        }
        if (keepModel && fold.fold === split.folds.length - 1) finalModel = model;
      } finally {
        if (model !== finalModel) model?.dispose();
      }
      progress({ stage: "fit", fraction: base + span, message: `fold ${fold.fold + 1}/${split.folds.length} done`, fold: fold.fold, folds: split.folds.length });
    }

    progress({ stage: "evaluate", fraction: 0.85, message: "metrics and backtest" });
    const evaluated = evaluateFolds(spec.task, foldPredictions);
    const metrics = { ...asMetrics(evaluated.pooled), ...asMetrics(evaluated.mean, "mean_"), ...asMetrics(evaluated.std, "std_") };
    const rowIdx = Int32Array.from(rowsOut);
    const predictions = {
      ts: Float64Array.from(rowIdx, (r) => dataset.ts[r]),
      ticker: Array.from(rowIdx, (r) => dataset.tickers[dataset.tickerIndex[r]]),
      actual: Float64Array.from(rowIdx, (r) => dataset.y[r]),
      predicted: Float64Array.from(predicted),
      fold: Int32Array.from(foldOf),
    };
    const backtests = runBacktests(spec, frames, predictions);
    for (const bt of backtests) Object.assign(metrics, asMetrics(bt.summary, `bt_${bt.ticker}_`));
    if (backtests.length) {
      for (const key of ["sharpe", "total_return", "max_drawdown"] as const) {
        metrics[`bt_mean_${key}`] = backtests.reduce((s, b) => s + (b.summary[key] ?? 0), 0) / backtests.length;
      }
    }

    progress({ stage: "log", fraction: 0.9, message: "logging to MLflow" });
    if (notes.size) await run.setTags({ [MODEL_NOTES_TAG]: [...notes].join("\n").slice(0, MAX_TAG_VALUE_LENGTH) });
    for (const [i, m] of evaluated.perFold.entries()) await run.logMetrics(asMetrics(m, "fold_"), i);
    await run.logMetrics(metrics);
    await run.logArtifact("features.json", JSON.stringify({ featureSet: resolvedSet.definition, hash: resolvedSet.hash, columns: resolvedSet.columns }, null, 2));
    await run.logArtifact("spec.json", JSON.stringify({ ...spec, model: { type: type.name, params: modelParams } }, null, 2));
    await run.logArtifact(
      "predictions.csv",
      csv(
        ["date", "ticker", "fold", "actual", "predicted"],
        Array.from(predictions.ts, (t, k) => [new Date(t).toISOString().slice(0, 10), predictions.ticker[k], predictions.fold[k], predictions.actual[k], predictions.predicted[k]]),
      ),
    );
    for (const bt of backtests) {
      await run.logArtifact(`backtest/${bt.ticker}/equity_curve.csv`, bt.csv);
      await run.logArtifact(`backtest/${bt.ticker}/equity_curve.svg`, bt.svg);
    }
    if (finalModel) {
      const saved = finalModel.toJSON();
      const files = modelArtifacts(saved, deps.settings.venv_dir, { horizon: spec.horizon, interval: spec.interval, feature_set: resolvedSet.definition, feature_set_hash: resolvedSet.hash });
      for (const [name, content] of Object.entries(files)) await run.logArtifact(`model/${name}`, content);
      const importance = finalModel.featureImportance?.();
      if (importance) await run.logArtifact("feature_importance.json", JSON.stringify(importance, null, 2));
    }
    const outcome = await run.end("FINISHED");
    let registered: TrainResult["registered"];
    if (spec.register && finalModel) {
      const runId = outcome.runId ?? run.runId;
      if (runId) registered = await registerModel(deps.tracker.client, runId, spec.register.name, spec.register.alias);
      else deps.logger?.warn("MLflow is down: the model is registered when its run is replayed from the outbox — register it then");
    }
    const result: TrainResult = {
      runId: outcome.runId ?? run.runId,
      localRunId: run.localId,
      destination: outcome.destination,
      experiment,
      spec,
      modelParams,
      featureSetHash: resolvedSet.hash,
      features: resolvedSet.columns,
      rows: dataset.rows,
      metrics,
      folds: split.folds.map((f, i) => ({
        fold: f.fold,
        trainRows: f.train.length,
        testRows: f.test.length,
        testStart: new Date(f.testStart).toISOString(),
        testEnd: new Date(f.testEnd).toISOString(),
        metrics: asMetrics(evaluated.perFold[i]),
      })),
      backtests,
      predictions,
      registered,
      notes: [...notes],
      ...(dataPin ? { dataPin } : {}),
    };
    progress({ stage: "log", fraction: 1, message: `run ${result.runId ?? result.localRunId} finished` });
    return result;
  } catch (error) {
    await run.fail(error).catch(() => undefined);
    throw error;
  } finally {
    finalModel?.dispose();
  }
}
