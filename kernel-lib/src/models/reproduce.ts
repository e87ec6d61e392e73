/**
 * `reproduce(runId)`: retrains a run from exactly its pinned data and spec, logs a new run tagged
 * `openquant.reproduces=<runId>`, and compares every metric and prediction with the original —
 * identical for deterministic model types, within the pin's stated tolerance (and reason) otherwise.
 */
import { z } from "zod";
import { Conflict, NotFound } from "../errors.js";
import type { Run } from "../tracking/types.js";
import { OUTBOX_TAG } from "../tracking/outbox-format.js";
import { validate } from "../util/validate.js";
import { DATA_PIN_ARTIFACT, PIN_TAGS, type RunDataPin, runDataPinSchema } from "./data-pin.js";
import { checkPinnedData } from "./reproduce-data.js";
import { compareMetrics, comparePredictions, type MetricComparison, type PredictionComparison, parsePredictionsCsv } from "./reproduce-compare.js";
import type { TrainSpec } from "./spec.js";
import { type TrainDeps, type TrainOptions, type TrainResult, train } from "./trainer.js";

/** A run id as MLflow writes it. */
export const runIdSchema = z.string().regex(/^[0-9a-f]{32}$/, "an MLflow run id (32 hex characters)");

/** What `reproduce` needs: the trainer's dependencies, including the store the pins live in. */
export type ReproduceDeps = TrainDeps & Required<Pick<TrainDeps, "store" | "registry">>;

/** The outcome of a reproduction. */
export interface ReproduceResult {
  /** The run reproduced. */
  originalRunId: string;
  /** The new run (undefined while it waits in the outbox). */
  runId?: string;
  localRunId: string;
  destination: "mlflow" | "outbox";
  /** The pin the reproduction trained from. */
  pin: RunDataPin;
  deterministic: boolean;
  /** 0 for deterministic runs; else the accepted relative difference. */
  tolerance: number;
  /** Why the run is (or is not) expected to be identical. */
  reason: string;
  /** Per metric: original, reproduced, absolute difference, match. */
  metrics: MetricComparison[];
  predictions: PredictionComparison;
  featureSetHashMatch: boolean;
  /** Every metric and prediction matched. */
  match: boolean;
  /** Library versions then and now, when any differ (an explanation for a mismatch). */
  versionChanges: Record<string, { original: string; now: string }>;
}

async function getRunOrExplain(deps: ReproduceDeps, runId: string): Promise<Run> {
  try {
    return await deps.tracker.client.getRun(runId);
  } catch (error) {
    if (error instanceof NotFound) {
      throw new NotFound(`No MLflow run with id ${runId}: check the id (openquant runs, or GET /models/runs, list them).`, [{ path: "runId", message: "unknown run" }], { cause: error });
    }
    throw error;
  }
}

/** The run's pin: its data_pin.json artifact, else the store's pin table; Conflict when it has none. */
async function loadPin(deps: ReproduceDeps, run: Run): Promise<RunDataPin> {
  const runId = run.info.runId;
  if (run.data.tags[PIN_TAGS.asOfMs] !== undefined) {
    try {
      return runDataPinSchema.parse(JSON.parse((await deps.tracker.client.downloadArtifact(runId, DATA_PIN_ARTIFACT)).toString("utf8")));
    } catch (error) {
      if (!(error instanceof NotFound || error instanceof SyntaxError || error instanceof z.ZodError)) throw error;
    }
  }
  const local = (await deps.store.getPin(runId)) ?? (run.data.tags[OUTBOX_TAG] ? await deps.store.getPin(run.data.tags[OUTBOX_TAG]) : undefined);
  const parsed = local ? runDataPinSchema.safeParse(local.detail) : undefined;
  if (parsed?.success) return parsed.data;
  throw new Conflict(
    `Run ${runId} cannot be reproduced: it records no data pin (no ${PIN_TAGS.asOf} tag, no ${DATA_PIN_ARTIFACT} artifact), so which revision of which bars it trained on is unknown — it was trained before runs were pinned to their data, or outside OpenQuant. Train it again to get a reproducible run.`,
    [{ path: "runId", message: "no data pin" }],
  );
}

/** Retrains run `runId` from its pinned data and spec and compares the result with the original. */
export async function reproduce(runId: string, deps: ReproduceDeps, options: Omit<TrainOptions, "keepModel" | "tags"> = {}): Promise<ReproduceResult> {
  const id = validate(runIdSchema, runId, "run id");
  const original = await getRunOrExplain(deps, id);
  const pin = await loadPin(deps, original);
  await checkPinnedData(id, pin.ranges, deps.store);

  const { register: _register, runName, ...spec } = pin.spec as Record<string, unknown>;
  const reproduceSpec = {
    ...spec,
    // the exact definition the run hashed, not a set name whose config may have changed since
    featureSet: pin.featureSet,
    asOf: pin.asOf,
    runName: `reproduce-${String(runName ?? original.info.runName).slice(0, 180)}`,
  } as TrainSpec;
  const result: TrainResult = await train(reproduceSpec, deps, {
    ...options,
    keepModel: original.data.tags["openquant.kind"] !== "cross_validate",
    tags: { [PIN_TAGS.reproduces]: id },
  });

  const rule = pin.determinism;
  // MLflow's latest value of each fold_* metric is the last fold's
  const lastFold = result.folds[result.folds.length - 1];
  const reproducedMetrics = { ...result.metrics, ...Object.fromEntries(Object.entries(lastFold?.metrics ?? {}).map(([k, v]) => [`fold_${k}`, v])) };
  const metrics = compareMetrics(original.data.metrics, reproducedMetrics, rule);
  const originalPredictions = parsePredictionsCsv((await deps.tracker.client.downloadArtifact(id, "predictions.csv")).toString("utf8"));
  const predictions = comparePredictions(originalPredictions, result.predictions.predicted, rule);
  const now = result.dataPin?.versions ?? {};
  const versionChanges: ReproduceResult["versionChanges"] = {};
  for (const [name, then] of Object.entries(pin.versions)) {
    if (now[name] !== undefined && now[name] !== then) versionChanges[name] = { original: then, now: now[name] };
  }
  const featureSetHashMatch = result.featureSetHash === pin.featureSetHash;
  const outcome: ReproduceResult = {
    originalRunId: id,
    ...(result.runId ? { runId: result.runId } : {}),
    localRunId: result.localRunId,
    destination: result.destination,
    pin,
    deterministic: rule.deterministic,
    tolerance: rule.tolerance,
    reason: rule.reason,
    metrics,
    predictions,
    featureSetHashMatch,
    match: featureSetHashMatch && predictions.match && metrics.every((m) => m.match),
    versionChanges,
  };
  if (result.runId) {
    // the verdict on the new run too, so the MLflow UI shows it beside the link to the original
    await deps.tracker.client
      .logBatch(result.runId, { tags: { "openquant.reproduce.match": String(outcome.match) } })
      .then(() => deps.tracker.client.logArtifact(result.runId as string, "reproduction.json", { data: JSON.stringify({ ...outcome, pin: undefined }, null, 2) }))
      .catch((error) => deps.logger?.warn({ err: (error as Error).message }, "could not log the comparison to the reproduced run"));
  }
  return outcome;
}
