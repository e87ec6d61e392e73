/**
 * Runs side by side: one column per selected run, one row per param and per metric, and for each
 * metric with a known direction the column(s) holding its best value.
 */
import type { Run } from "../schemas/models.js";

/** Whether a larger value of a metric is better, smaller is, or neither (counts, sizes). */
export type MetricDirection = "higher" | "lower" | "none";

const HIGHER = new Set([
  "r2",
  "directional_accuracy",
  "ic",
  "rank_ic",
  "accuracy",
  "balanced_accuracy",
  "precision",
  "recall",
  "f1",
  "auc",
  "roc_auc",
  "total_return",
  "cagr",
  "sharpe",
  "sortino",
  "calmar",
  "hit_rate",
]);
const LOWER = new Set(["mae", "mse", "rmse", "log_loss", "brier", "max_drawdown", "max_drawdown_bars", "max_drawdown_days", "costs"]);

/** The direction of a metric, read through its prefixes (mean_, fold_, bt_<ticker>_, bt_mean_). */
export function metricDirection(name: string): MetricDirection {
  if (name.startsWith("std_") || name.startsWith("bh_") || name.includes("_bh_")) return "none";
  for (const base of [...HIGHER, ...LOWER]) {
    if (name === base || name.endsWith(`_${base}`)) return HIGHER.has(base) ? "higher" : "lower";
  }
  return "none";
}

/** One row of the comparison. */
export interface ComparisonRow {
  key: string;
  /** The value of each compared run, in column order; undefined when a run lacks it. */
  values: Array<string | number | undefined>;
  /** True when not every run has the same value. */
  differs: boolean;
  /** Columns holding the best value (metrics with a direction, when at least two runs have it). */
  best: number[];
}

/** Runs side by side. */
export interface RunsComparison {
  runs: Run[];
  params: ComparisonRow[];
  metrics: ComparisonRow[];
}

function bestColumns(values: ReadonlyArray<string | number | undefined>, direction: MetricDirection): number[] {
  const numbers = values.map((v) => (typeof v === "number" && Number.isFinite(v) ? v : undefined));
  if (direction === "none" || numbers.filter((v) => v !== undefined).length < 2) return [];
  const defined = numbers.filter((v): v is number => v !== undefined);
  const target = direction === "higher" ? Math.max(...defined) : Math.min(...defined);
  if (defined.every((v) => v === target)) return [];
  return numbers.flatMap((v, i) => (v === target ? [i] : []));
}

function rows<V extends string | number>(runs: readonly Run[], pick: (run: Run) => Record<string, V>, withBest: boolean): ComparisonRow[] {
  const keys = [...new Set(runs.flatMap((run) => Object.keys(pick(run))))].sort();
  return keys.map((key) => {
    const values = runs.map((run) => pick(run)[key]);
    const differs = values.some((v) => v !== values[0]);
    return { key, values, differs, best: withBest ? bestColumns(values, metricDirection(key)) : [] };
  });
}

/** Compares `runs` (in the given order): params and metrics with the best value of each metric. */
export function compareRuns(runs: readonly Run[]): RunsComparison {
  return {
    runs: [...runs],
    params: rows(runs, (run) => run.params, false),
    metrics: rows(runs, (run) => run.metrics, true),
  };
}

/** A run's page in the MLflow UI at `trackingUri` (which redirects to the run's experiment). */
export function mlflowRunUrl(trackingUri: string, runId: string): string | undefined {
  if (!/^https?:\/\//.test(trackingUri)) return undefined;
  return `${trackingUri.replace(/\/+$/, "")}/#/runs/${encodeURIComponent(runId)}`;
}
