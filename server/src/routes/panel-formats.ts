/**
 * Encodings of POST /panels: JSON columns in the panel's own layout (dates × tickers, row-major by
 * date, null where NaN), or an Arrow IPC stream in long format — one row per (date, ticker) cell
 * with `date` (UTC ms timestamp), `ticker`, `member` (the mask) and one float64 column per field —
 * which pandas/pyarrow, DuckDB or polars read directly and pivot as they like.
 */
import type { Panel } from "@openquant/kernel-lib";
import { Bool, Float64, makeVector, Schema, Table, TimestampMillisecond, tableToIPC, Utf8, type Vector, vectorFromArray } from "apache-arrow";

/** Formats POST /panels answers in. */
export const PANEL_FORMATS = ["json", "arrow"] as const;

/** Media types of the formats. */
export const PANEL_CONTENT_TYPES = { json: "application/json; charset=utf-8", arrow: "application/vnd.apache.arrow.stream" } as const;

/** The panel as JSON: typed arrays become arrays, NaN becomes null. */
export function panelToJson(panel: Panel): Record<string, unknown> {
  const columns: Record<string, Array<number | null>> = {};
  for (const name of panel.fields) columns[name] = Array.from(panel.columns[name], (v) => (Number.isNaN(v) ? null : v));
  return {
    universe: panel.universe,
    version: panel.version,
    layout: "row-major by date: index = d * tickers.length + t",
    dates: Array.from(panel.dates),
    tickers: panel.tickers,
    fields: panel.fields,
    columns,
    mask: Array.from(panel.mask),
    missing: panel.missing,
  };
}

function floatColumn(values: Float64Array): Vector {
  if (!values.some(Number.isNaN)) return makeVector(values);
  return vectorFromArray(
    Array.from(values, (v) => (Number.isNaN(v) ? null : v)),
    new Float64(),
  );
}

/** The panel as an Arrow IPC stream in long format (universe and version in the schema metadata). */
export function panelToArrow(panel: Panel): Uint8Array {
  const width = panel.tickers.length;
  const cells = panel.dates.length * width;
  const dates = new Array<number>(cells);
  const tickers = new Array<string>(cells);
  const member = new Array<boolean>(cells);
  for (let d = 0, k = 0; d < panel.dates.length; d++) {
    for (let t = 0; t < width; t++, k++) {
      dates[k] = panel.dates[d];
      tickers[k] = panel.tickers[t];
      member[k] = panel.mask[k] === 1;
    }
  }
  const columns: Record<string, Vector> = {
    date: vectorFromArray(dates, new TimestampMillisecond("UTC")),
    ticker: vectorFromArray(tickers, new Utf8()),
    member: vectorFromArray(member, new Bool()),
  };
  for (const name of panel.fields) columns[name] = floatColumn(panel.columns[name]);
  const table = new Table(columns);
  const metadata = new Map([
    ["universe", panel.universe],
    ["version", String(panel.version)],
  ]);
  return tableToIPC(new Table(new Schema(table.schema.fields, metadata), table.batches), "stream");
}
