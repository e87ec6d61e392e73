/** A comparison of MLflow runs (oq.compareRuns()) as a table: one row per run, chosen metrics and params as columns. */
import { z } from "zod";
import type { RunComparison } from "../models/compare.js";
import { validate } from "../util/validate.js";
import { type TableModel, tableModel } from "./table.js";

/** Which columns of the comparison to show. */
export interface RunsTableOptions {
  /** Metric columns (default: the metrics every run has, at most 6, rmse/ic/sharpe-like first). */
  metrics?: string[];
  /** Param columns (default none). */
  params?: string[];
  /** Sort by this metric, best first. */
  sortBy?: string;
  /** Lower is better for `sortBy` (default: true for error metrics like rmse, mae, mse, max_drawdown). */
  ascending?: boolean;
  /** Significant digits (default 4). */
  digits?: number;
  /** Caption above the table. */
  caption?: string;
}

const optionsSchema = z.strictObject({
  metrics: z.array(z.string().min(1)).optional(),
  params: z.array(z.string().min(1)).default([]),
  sortBy: z.string().min(1).optional(),
  ascending: z.boolean().optional(),
  digits: z.number().int().min(1).max(17).default(4),
  caption: z.string().max(2000).optional(),
});

const runsSchema = z.array(z.object({ runId: z.string(), runName: z.string(), modelType: z.string(), metrics: z.record(z.string(), z.number()) }).loose(), {
  error: "must be the result of oq.compareRuns()",
});

const PREFERRED = ["rmse", "mae", "r2", "ic", "rank_ic", "directional_accuracy", "accuracy", "auc", "backtest_sharpe", "backtest_total_return"];
const LOWER_IS_BETTER = /(^|_)(rmse|mae|mse|log_loss|max_drawdown|brier)$/;

/** Whether a lower value of the metric is better (error and risk metrics). */
export function lowerIsBetter(metric: string): boolean {
  return LOWER_IS_BETTER.test(metric);
}

/** The table model of a run comparison. */
export function runsTableModel(runs: RunComparison[], options: RunsTableOptions = {}): TableModel {
  validate(runsSchema, runs, "run comparison");
  const o = validate(optionsSchema, options, "runs table options");
  const common = runs.length ? Object.keys(runs[0].metrics).filter((m) => runs.every((r) => m in r.metrics)) : [];
  const metrics = o.metrics ?? [...PREFERRED.filter((m) => common.includes(m)), ...common.filter((m) => !PREFERRED.includes(m)).sort()].slice(0, 6);
  let ordered = runs;
  if (o.sortBy) {
    const key = o.sortBy;
    const sign = (o.ascending ?? lowerIsBetter(key)) ? 1 : -1;
    // runs without the metric go last either way
    const value = (r: RunComparison) => (Number.isFinite(r.metrics[key]) ? sign * r.metrics[key] : Number.POSITIVE_INFINITY);
    ordered = [...runs].sort((a, b) => value(a) - value(b));
  }
  const rows = ordered.map((r) => {
    const row: Record<string, unknown> = { run: r.runName, model: r.modelType, run_id: r.runId.slice(0, 8) };
    for (const m of metrics) row[m] = r.metrics[m] ?? Number.NaN;
    for (const p of o.params) row[p] = r.params?.[p] ?? "";
    return row;
  });
  return tableModel(rows, {
    head: Math.max(rows.length, 1),
    tail: 0,
    digits: o.digits,
    caption: o.caption,
    columns: ["run", "model", "run_id", ...metrics, ...o.params],
  });
}
