/** Metrics of a run (or anything `{ name: number }`) as a two-column table. */
import { z } from "zod";
import { validate } from "../util/validate.js";
import { type TableModel, tableModel } from "./table.js";

/** Options of a metrics table. */
export interface MetricsTableOptions {
  /** Only these metrics, in this order (default: all, sorted by name). */
  only?: string[];
  /** Significant digits (default 4). */
  digits?: number;
  /** Caption above the table. */
  caption?: string;
}

const metricsSchema = z.record(z.string(), z.number({ error: "every metric must be a number" }), { error: "must be an object of { metric: number }" });
const optionsSchema = z.strictObject({
  only: z.array(z.string().min(1)).min(1).optional(),
  digits: z.number().int().min(1).max(17).default(4),
  caption: z.string().max(2000).optional(),
});

/** The table model of metrics: one row per metric, name and value. */
export function metricsTableModel(metrics: Record<string, number>, options: MetricsTableOptions = {}): TableModel {
  const m = validate(metricsSchema, metrics, "metrics");
  const o = validate(optionsSchema, options, "metrics table options");
  const names = o.only ?? Object.keys(m).sort();
  const rows = names.map((name) => ({ metric: name, value: name in m ? m[name] : Number.NaN }));
  const limit = Math.max(rows.length, 1);
  return tableModel(rows, { head: limit, tail: 0, digits: o.digits, caption: o.caption, columns: ["metric", "value"] });
}
