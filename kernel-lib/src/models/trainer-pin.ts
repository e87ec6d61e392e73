/**
 * Pinning a training run to its data: every bar is read as of one time (the training start unless
 * the spec gives `asOf`, a time or a snapshot), through an uncached feature engine over an AsOfView;
 * what was read becomes the run's data pin, kept in the store and logged to MLflow.
 */
import type { Settings } from "../config/schema.js";
import { parseAsOf } from "../data/store/as-of.js";
import { AsOfView } from "../data/store/as-of-view.js";
import type { MarketStore } from "../data/store/types.js";
import { NotFound } from "../errors.js";
import { FeatureEngine } from "../features/engine.js";
import type { ResolvedFeatureSet } from "../features/feature-set.js";
import type { FeatureRegistry } from "../features/registry.js";
import type { TrackedRun } from "../tracking/tracked-run.js";
import type { Logger } from "../util/logger.js";
import { buildRunDataPin, DATA_PIN_ARTIFACT, pinnedRanges, pinTags, type RunDataPin } from "./data-pin.js";
import { determinismOf } from "./reproduce-determinism.js";
import { libraryVersions } from "./reproduce-versions.js";
import type { ResolvedTrainSpec } from "./spec.js";

/** The time a run reads its bars at, and the snapshot it came from. */
export interface PinTime {
  asOf: number;
  snapshot?: string;
}

/** A pinned training's engine and what it remembers. */
export interface PinnedTraining {
  time: PinTime;
  view: AsOfView;
  /** Computes features on the pinned bars only (no cache: cached features may come from newer bars). */
  engine: FeatureEngine;
}

/** Resolves `asOf` (undefined → `now`) to a time; a snapshot must exist and hold every ticker. */
export async function resolvePinTime(asOf: ResolvedTrainSpec["asOf"], tickers: string[], interval: string, store: MarketStore, now: number): Promise<PinTime> {
  if (asOf === undefined) return { asOf: now };
  const parsed = parseAsOf(asOf);
  if (parsed.kind === "time") return { asOf: parsed.ms };
  const snapshot = (await store.listSnapshots()).find((s) => s.name === parsed.name);
  if (!snapshot) throw new NotFound(`No snapshot named '${parsed.name}': oq.snapshots() lists them.`, [{ path: "asOf", message: "unknown snapshot" }]);
  const held = new Set(snapshot.tickers.filter((t) => t.interval === interval).map((t) => t.ticker));
  const missing = tickers.filter((t) => !held.has(t));
  if (missing.length) {
    throw new NotFound(`Snapshot '${parsed.name}' does not include ${missing.join(", ")} (${interval}); it holds ${[...held].join(", ") || "no such tickers"}.`, [
      { path: "asOf", message: `not in snapshot: ${missing.join(", ")}` },
    ]);
  }
  return { asOf: Date.parse(snapshot.createdAt), snapshot: parsed.name };
}

/** Sets up a pinned training over `store`. */
export async function pinTraining(
  spec: ResolvedTrainSpec,
  deps: { store: MarketStore; registry: FeatureRegistry; settings: Settings; logger?: Logger },
  startedAt: number,
): Promise<PinnedTraining> {
  const time = await resolvePinTime(spec.asOf, spec.tickers, spec.interval, deps.store, startedAt);
  const view = new AsOfView(deps.store, time.asOf);
  const engine = new FeatureEngine({
    store: view,
    registry: deps.registry,
    ttlSeconds: deps.settings.features.cache.ttl_seconds,
    sets: deps.settings.features.sets,
    logger: deps.logger,
  });
  return { time, view, engine };
}

/** After the features are computed: builds the pin, stores it locally (first: it guards the data while MLflow is down) and logs it to the run. */
export async function recordRunPin(
  pinned: PinnedTraining,
  run: TrackedRun,
  input: { spec: ResolvedTrainSpec; modelType: string; modelParams: Record<string, unknown>; featureSet: ResolvedFeatureSet; store: MarketStore },
): Promise<RunDataPin> {
  const pin = buildRunDataPin({
    asOf: pinned.time.asOf,
    snapshot: pinned.time.snapshot,
    ranges: pinnedRanges(pinned.view.reads),
    spec: input.spec,
    modelParams: input.modelParams,
    featureSet: input.featureSet,
    versions: libraryVersions(),
    determinism: determinismOf(input.modelType, input.modelParams),
  });
  await input.store.recordPin({
    runId: run.localId,
    ...(run.runId ? { mlflowRunId: run.runId } : {}),
    createdAt: Date.now(),
    asOf: pin.asOf,
    ...(pin.snapshot ? { snapshot: pin.snapshot } : {}),
    ranges: pin.ranges,
    detail: pin,
  });
  await run.setTags(pinTags(pin));
  await run.logArtifact(DATA_PIN_ARTIFACT, JSON.stringify(pin, null, 2));
  return pin;
}
