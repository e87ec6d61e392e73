/**
 * A panel: one universe's data aligned on one dates × tickers grid, column by column, ready for
 * cross-sectional research (rank the members on each date). The layout:
 * - `dates`: Float64Array of epoch ms UTC, ascending — the union of the trading dates (bar times)
 *   of the universe's members in [start, end], counting a ticker's bars only while it is a member;
 * - `tickers`: every ticker with a membership overlapping [start, end], sorted;
 * - `columns[name]`: Float64Array of length dates.length × tickers.length, row-major by date:
 *   the value of ticker t on date d is at `d * tickers.length + t`; NaN where there is no value
 *   (no bar, warm-up, or the ticker is not a member that day);
 * - `mask`: Uint8Array of the same length, 1 where the ticker is a member on that date and has a
 *   bar there, else 0. Every column is NaN wherever mask is 0.
 * Feature columns are computed per ticker on its own stored bars with warm-up from before the
 * panel's start, then masked (see build.ts for how membership gaps are treated).
 */
import { z } from "zod";
import { featureSetInputSchema } from "../../features/feature-set.js";
import { dateInput } from "../../util/dates.js";
import { asOfInputSchema } from "../store/as-of.js";

/** Bar columns a panel can carry besides features (prices as stored, unadjusted, and adjClose). */
export const PANEL_BAR_FIELDS = ["open", "high", "low", "close", "adjClose", "volume"] as const;
/** One of PANEL_BAR_FIELDS. */
export type PanelBarField = (typeof PANEL_BAR_FIELDS)[number];

/** Options of a panel: which columns, which dates, which state of the data. */
export const panelOptionsSchema = z
  .strictObject({
    /** Bar columns (default ["close"] when no featureSet is given). */
    fields: z.array(z.enum(PANEL_BAR_FIELDS)).max(PANEL_BAR_FIELDS.length).optional(),
    /** A feature set name from configs/features.yaml or a list of { name, params }. */
    featureSet: featureSetInputSchema.optional(),
    start: dateInput.optional(),
    end: dateInput.optional(),
    /** Bars as recorded by this time or in this snapshot; a time also picks the universe version current then. */
    asOf: asOfInputSchema.optional(),
    /** The universe version to use (default: the current one, or the one current at asOf). */
    version: z.number().int().min(1).optional(),
    /** Compute features on split- and dividend-adjusted prices (default true, as oq.features). */
    adjusted: z.boolean().default(true),
  })
  .refine((o) => o.start === undefined || o.end === undefined || o.start <= o.end, { message: "start must not be after end", path: ["start"] });

/** What `oq.panel(universe, options)` takes. */
export type PanelOptions = z.input<typeof panelOptionsSchema>;

/** One universe's data on a dates × tickers grid (layout described at the top of panel.ts). */
export interface Panel {
  universe: string;
  /** The universe version whose memberships masked the panel (pin it to rebuild the same panel). */
  version: number;
  /** Epoch ms UTC, ascending. */
  dates: Float64Array;
  /** Sorted tickers; column index t. */
  tickers: string[];
  /** Column names in order: the bar fields, then the feature outputs. */
  fields: string[];
  /** Per column, dates.length × tickers.length values, index d * tickers.length + t; NaN where no value. */
  columns: Record<string, Float64Array>;
  /** 1 where the ticker is a member on that date and has a bar, else 0. Same indexing. */
  mask: Uint8Array;
  /** Members with no stored bars at all (their cells are all masked). */
  missing: string[];
}

/** The value of `column` for ticker index t on date index d (NaN outside the mask). */
export function panelValue(panel: Panel, column: string, d: number, t: number): number {
  const values = panel.columns[column];
  if (!values) throw new RangeError(`No column '${column}' in the panel: it has ${panel.fields.join(", ")}.`);
  return values[d * panel.tickers.length + t];
}
