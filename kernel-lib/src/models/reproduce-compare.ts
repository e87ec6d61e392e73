/** Comparing a reproduced run with its original: every metric, and every out-of-sample prediction. */
import type { Determinism } from "./reproduce-determinism.js";

/** One metric of the original run next to its reproduction. */
export interface MetricComparison {
  metric: string;
  original: number;
  /** NaN when the reproduction did not produce the metric. */
  reproduced: number;
  absDiff: number;
  match: boolean;
}

/** The out-of-sample predictions of both runs, compared row by row. */
export interface PredictionComparison {
  originalRows: number;
  reproducedRows: number;
  /** Largest |original − reproduced| over the rows (NaN when the row counts differ). */
  maxAbsDiff: number;
  match: boolean;
}

/** True when `a` and `b` agree under `rule` (NaN agrees with NaN). */
export function valuesMatch(a: number, b: number, rule: Pick<Determinism, "deterministic" | "tolerance">): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (rule.deterministic) return a === b;
  return Math.abs(a - b) <= rule.tolerance * Math.max(1, Math.abs(a));
}

/** Compares the original run's metrics with the reproduced ones, sorted by name. */
export function compareMetrics(original: Record<string, number>, reproduced: Record<string, number>, rule: Determinism): MetricComparison[] {
  return Object.keys(original)
    .sort()
    .map((metric) => {
      const a = original[metric];
      const b = metric in reproduced ? reproduced[metric] : Number.NaN;
      return { metric, original: a, reproduced: b, absDiff: Math.abs(a - b), match: metric in reproduced && valuesMatch(a, b, rule) };
    });
}

/** The `predicted` column of a run's predictions.csv (date,ticker,fold,actual,predicted). */
export function parsePredictionsCsv(text: string): number[] {
  const lines = text.trim().split("\n");
  const column = lines[0].split(",").indexOf("predicted");
  return lines.slice(1).map((line) => Number(line.split(",")[column]));
}

/** Compares two prediction columns row by row. */
export function comparePredictions(original: readonly number[], reproduced: ArrayLike<number>, rule: Determinism): PredictionComparison {
  if (original.length !== reproduced.length) return { originalRows: original.length, reproducedRows: reproduced.length, maxAbsDiff: Number.NaN, match: false };
  let maxAbsDiff = 0;
  let match = true;
  for (let i = 0; i < original.length; i++) {
    const d = Math.abs(original[i] - reproduced[i]);
    if (d > maxAbsDiff) maxAbsDiff = d;
    if (!valuesMatch(original[i], reproduced[i], rule)) match = false;
  }
  return { originalRows: original.length, reproducedRows: reproduced.length, maxAbsDiff, match };
}
