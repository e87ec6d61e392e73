/**
 * Checks per-ticker inputs before any row is built, so a mistake is reported by ticker, column and
 * bar instead of surfacing as a silent NaN in a model: shapes and lengths, strictly increasing
 * times, the same feature columns on every ticker, no infinities, no column that is NaN everywhere.
 */
import { z } from "zod";
import { InvalidInput } from "../../errors.js";
import { isoDay } from "../../util/dates.js";
import { validate } from "../../util/validate.js";
import type { FeatureSeries } from "./types.js";

const float64 = z.instanceof(Float64Array, { error: "must be a Float64Array" });

const featureSeriesSchema = z.object({
  ticker: z.string({ error: "must be a ticker string" }).min(1, { error: "must not be empty" }),
  ts: float64,
  close: float64.optional(),
  features: z.record(z.string(), float64, { error: "must map feature names to Float64Array columns" }),
});

/** The series list: at least one ticker. */
const seriesListSchema = z
  .array(featureSeriesSchema, { error: "must be an array of per-ticker series" })
  .min(1, { error: "must hold at least one ticker" });

/** A list of feature names to use, in order. */
export const featureListSchema = z
  .array(z.string().min(1, { error: "feature names must not be empty" }))
  .min(1, { error: "must name at least one feature" });

/** Validates shapes, lengths, times and feature columns; returns the feature names to use, in order. */
export function validateSeries(series: readonly FeatureSeries[], features: string[] | undefined, needClose: boolean): string[] {
  validate(seriesListSchema, series, "series");
  const seen = new Set<string>();
  for (const s of series) {
    if (seen.has(s.ticker)) throw new InvalidInput(`Ticker ${s.ticker} appears twice: give each ticker once`);
    seen.add(s.ticker);
  }
  const names = features ?? Object.keys(series[0].features);
  if (names.length === 0) throw new InvalidInput(`Ticker ${series[0].ticker} has no feature columns: compute features first`);
  if (new Set(names).size !== names.length) throw new InvalidInput(`Feature list names a column twice: ${names.join(", ")}`);
  for (const s of series) {
    checkSeries(s, names, needClose);
    if (!features) checkSameColumns(s, series[0], names);
  }
  for (const name of names) checkNotAllNaN(series, name);
  return names;
}

function checkSeries(s: FeatureSeries, names: string[], needClose: boolean): void {
  const n = s.ts.length;
  for (let t = 0; t < n; t++) {
    if (!Number.isFinite(s.ts[t])) throw new InvalidInput(`${s.ticker}: ts[${t}] is not a finite epoch-ms time`);
    if (t > 0 && !(s.ts[t] > s.ts[t - 1])) {
      throw new InvalidInput(
        `${s.ticker}: bar times must be strictly increasing, but ts[${t}] (${isoDay(s.ts[t])}) does not come after ts[${t - 1}] (${isoDay(s.ts[t - 1])}): sort the bars and remove duplicates`,
      );
    }
  }
  const close = (s as { close?: Float64Array }).close;
  if (needClose) {
    if (!close) throw new InvalidInput(`${s.ticker}: close is required to compute labels`);
    if (close.length !== n) throw new InvalidInput(`${s.ticker}: close has ${close.length} values but ts has ${n}: they must match bar for bar`);
    for (let t = 0; t < n; t++) {
      if (!(Number.isFinite(close[t]) && close[t] > 0)) {
        throw new InvalidInput(`${s.ticker}: close[${t}] (${isoDay(s.ts[t])}) is ${close[t]}; labels need a finite positive close on every bar`);
      }
    }
  }
  for (const name of names) {
    const column = s.features[name];
    if (!column) {
      throw new InvalidInput(`${s.ticker} has no feature column '${name}' (it has: ${Object.keys(s.features).join(", ") || "none"})`);
    }
    if (column.length !== n) {
      throw new InvalidInput(`${s.ticker}: feature '${name}' has ${column.length} values but ts has ${n}: they must match bar for bar`);
    }
    for (let t = 0; t < n; t++) {
      const v = column[t];
      if (v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY) {
        throw new InvalidInput(`${s.ticker}: feature '${name}' is ${v} at bar ${t} (${isoDay(s.ts[t])}); features must be finite or NaN`);
      }
    }
  }
}

function checkSameColumns(s: FeatureSeries, first: FeatureSeries, names: string[]): void {
  const extra = Object.keys(s.features).filter((name) => !names.includes(name));
  if (extra.length > 0) {
    throw new InvalidInput(
      `${s.ticker} has feature columns that ${first.ticker} lacks (${extra.join(", ")}): give every ticker the same columns or pass the feature list`,
    );
  }
}

function checkNotAllNaN(series: readonly FeatureSeries[], name: string): void {
  for (const s of series) {
    const column = s.features[name];
    for (let t = 0; t < column.length; t++) if (!Number.isNaN(column[t])) return;
  }
  const bars = series.map((s) => `${s.ticker}: ${s.ts.length} bars`).join(", ");
  throw new InvalidInput(
    `Feature '${name}' is NaN on every bar of every ticker (${bars}): its warm-up is longer than the history, or it cannot be computed from these bars; load more history or drop the feature`,
    [{ path: `features.${name}`, message: "all values are NaN" }],
  );
}
