/**
 * A training run's data pin: the exact bars it read (asOf or snapshot, tickers, ranges, a SHA-256
 * per ticker), the feature-set definition and hash, the full model spec, seeds and library
 * versions. Logged to MLflow (tags + `data_pin.json`) and kept in the store's pin table.
 */
import { z } from "zod";
import type { ViewRead } from "../data/store/as-of-view.js";
import { barsSha256 } from "../data/store/fingerprint.js";
import { type PinnedRange, pinnedRangeSchema } from "../data/store/pins.js";
import type { ResolvedFeatureSet } from "../features/feature-set.js";
import type { Determinism } from "./reproduce-determinism.js";
import type { LibraryVersions } from "./reproduce-versions.js";
import type { ResolvedTrainSpec } from "./spec.js";

/** The artifact holding the whole pin. */
export const DATA_PIN_ARTIFACT = "data_pin.json";

/** Tag keys of the pin on an MLflow run. */
export const PIN_TAGS = {
  asOf: "openquant.data_pin.as_of",
  asOfMs: "openquant.data_pin.as_of_ms",
  snapshot: "openquant.data_pin.snapshot",
  tickers: "openquant.data_pin.tickers",
  rows: "openquant.data_pin.rows",
  xgboost: "openquant.version.xgboost",
  lightgbm: "openquant.version.lightgbm",
  kernelLib: "openquant.version.kernel_lib",
  deterministic: "openquant.deterministic",
  reproduces: "openquant.reproduces",
} as const;

/** Everything a run needs to be trained again exactly. */
export const runDataPinSchema = z.looseObject({
  format: z.literal(1),
  /** Epoch ms the bars were read as of (the training start when none was given). */
  asOf: z.number(),
  asOfIso: z.string(),
  snapshot: z.string().optional(),
  ranges: z.array(pinnedRangeSchema).min(1),
  /** The resolved training spec, model params included, without asOf (the pin holds it). */
  spec: z.record(z.string(), z.unknown()),
  featureSet: z.unknown(),
  featureSetHash: z.string(),
  seeds: z.record(z.string(), z.number()),
  versions: z.record(z.string(), z.string()),
  determinism: z.object({ deterministic: z.boolean(), tolerance: z.number(), reason: z.string() }),
});

/** A run's data pin. */
export type RunDataPin = z.output<typeof runDataPinSchema>;

/** Ranges of what a training read through an AsOfView: one per ticker, with count and SHA-256. */
export function pinnedRanges(reads: readonly ViewRead[]): PinnedRange[] {
  const sorted = [...reads].sort((a, b) => (a.query.ticker < b.query.ticker ? -1 : a.query.ticker > b.query.ticker ? 1 : 0));
  return sorted.map(({ query, frame }) => ({
    ticker: query.ticker,
    interval: query.interval,
    start: query.start ?? null,
    end: query.end ?? null,
    asOf: Number(query.asOf),
    rows: frame.ts.length,
    sha256: barsSha256(frame),
  }));
}

/** Builds the pin of a run. */
export function buildRunDataPin(input: {
  asOf: number;
  snapshot?: string;
  ranges: PinnedRange[];
  spec: ResolvedTrainSpec;
  modelParams: Record<string, unknown>;
  featureSet: ResolvedFeatureSet;
  versions: LibraryVersions;
  determinism: Determinism;
}): RunDataPin {
  const { asOf: _asOf, ...spec } = input.spec;
  const seeds: Record<string, number> = { spec: input.spec.seed };
  if (typeof input.modelParams.seed === "number") seeds.model = input.modelParams.seed;
  return {
    format: 1,
    asOf: input.asOf,
    asOfIso: new Date(input.asOf).toISOString(),
    ...(input.snapshot ? { snapshot: input.snapshot } : {}),
    ranges: input.ranges,
    spec: { ...spec, model: { type: input.spec.model.type, params: input.modelParams } },
    featureSet: input.featureSet.definition,
    featureSetHash: input.featureSet.hash,
    seeds,
    versions: { ...input.versions },
    determinism: input.determinism,
  };
}

/** The pin as MLflow tags (the artifact holds the rest). */
export function pinTags(pin: RunDataPin): Record<string, string> {
  const tickers = pin.ranges.map((r) => r.ticker).join(",");
  return {
    [PIN_TAGS.asOf]: pin.asOfIso,
    [PIN_TAGS.asOfMs]: String(pin.asOf),
    ...(pin.snapshot ? { [PIN_TAGS.snapshot]: pin.snapshot } : {}),
    [PIN_TAGS.tickers]: tickers.length > 4000 ? `${tickers.slice(0, 3990)},…` : tickers,
    [PIN_TAGS.rows]: String(pin.ranges.reduce((s, r) => s + r.rows, 0)),
    [PIN_TAGS.xgboost]: String(pin.versions.xgboost),
    [PIN_TAGS.lightgbm]: String(pin.versions.lightgbm),
    [PIN_TAGS.kernelLib]: String(pin.versions.kernelLib),
    [PIN_TAGS.deterministic]: String(pin.determinism.deterministic),
  };
}
