/**
 * The three encodings of GET /data/{ticker}: JSON columns (the wire frame), CSV for spreadsheets,
 * and Arrow IPC (stream format) for clients that want typed columns without parsing text —
 * pandas/pyarrow, DuckDB, polars or apache-arrow in JS read it directly.
 */
import { type BarFrame, toWire } from "@openquant/kernel-lib";
import { Float64, makeVector, Schema, Table, TimestampMillisecond, tableToIPC, type Vector, vectorFromArray } from "apache-arrow";

/** Formats GET /data/{ticker} answers in. */
export const BAR_FORMATS = ["json", "csv", "arrow"] as const;
/** One of BAR_FORMATS. */
export type BarFormat = (typeof BAR_FORMATS)[number];

/** Media type of each format; Arrow's is the IANA-registered one for the IPC stream format. */
export const BAR_CONTENT_TYPES: Record<BarFormat, string> = {
  json: "application/json; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  arrow: "application/vnd.apache.arrow.stream",
};

const PRICE_COLUMNS = [
  ["open", "open"],
  ["high", "high"],
  ["low", "low"],
  ["close", "close"],
  ["adj_close", "adjClose"],
  ["volume", "volume"],
] as const;

/** The bars as CSV: an ISO date column, then the price columns; a missing value is an empty field. */
export function barsToCsv(frame: BarFrame): string {
  const lines = [`date,${PRICE_COLUMNS.map(([name]) => name).join(",")}`];
  for (let i = 0; i < frame.ts.length; i++) {
    const row = [new Date(frame.ts[i] as number).toISOString()];
    for (const [, column] of PRICE_COLUMNS) {
      const v = frame[column][i] as number;
      row.push(Number.isNaN(v) ? "" : String(v));
    }
    lines.push(row.join(","));
  }
  return `${lines.join("\n")}\n`;
}

/** A float column: zero-copy when complete, with nulls (not NaN) where a value is missing, as in JSON. */
function floatColumn(values: Float64Array): Vector {
  if (!values.some(Number.isNaN)) return makeVector(values);
  return vectorFromArray(
    Array.from(values, (v) => (Number.isNaN(v) ? null : v)),
    new Float64(),
  );
}

/**
 * The bars as an Arrow IPC stream: `ts` a UTC millisecond timestamp, the price columns float64
 * (snake_case as in CSV), the ticker and interval in the schema's metadata.
 */
export function barsToArrow(frame: BarFrame): Uint8Array {
  const columns: Record<string, Vector> = {
    ts: vectorFromArray(Array.from(frame.ts), new TimestampMillisecond("UTC")),
  };
  for (const [name, column] of PRICE_COLUMNS) columns[name] = floatColumn(frame[column]);
  const table = new Table(columns);
  const metadata = new Map([
    ["ticker", frame.ticker],
    ["interval", frame.interval],
  ]);
  return tableToIPC(new Table(new Schema(table.schema.fields, metadata), table.batches), "stream");
}

/** The encoded body of `frame` in `format`. */
export function encodeBars(frame: BarFrame, format: BarFormat): Buffer {
  switch (format) {
    case "json":
      return Buffer.from(JSON.stringify(toWire(frame)));
    case "csv":
      return Buffer.from(barsToCsv(frame));
    case "arrow": {
      const ipc = barsToArrow(frame);
      return Buffer.from(ipc.buffer, ipc.byteOffset, ipc.byteLength);
    }
  }
}
