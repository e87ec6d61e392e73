/**
 * Which column of a file is which: bar columns matched as the csv provider matches them (case,
 * spaces, `_`, `-`, `.` ignored; `Adj Close`), plus an optional ticker column (ticker, symbol or the
 * one the user names). Long files carry a ticker column; wide single-ticker files (Yahoo's) do not.
 */
import { InvalidInput } from "../../errors.js";
import { barColumnOf, type ColumnKey, CSV_LAYOUTS_HELP, normalizeHeaderName } from "../providers/csv/csv-header.js";
import type { SourceFile } from "./sources.js";

/** A column as DuckDB describes it. */
export interface DescribedColumn {
  name: string;
  type: string;
}

/** The columns an import reads from one file, by their names in the file. */
export interface FileColumns {
  date: DescribedColumn;
  open: DescribedColumn;
  high: DescribedColumn;
  low: DescribedColumn;
  close: DescribedColumn;
  /** Absent in the plain layout, where adjusted close equals close. */
  adjClose?: DescribedColumn;
  volume: DescribedColumn;
  ticker?: DescribedColumn;
}

const TICKER_NAMES = new Set(["ticker", "symbol"]);
const REQUIRED: readonly ColumnKey[] = ["date", "open", "high", "low", "close", "volume"];

function fail(file: string, message: string, field: string): never {
  throw new InvalidInput(`Cannot import ${file}: ${message}.`, [{ path: field, message }]);
}

/** Matches a file's columns to the bar columns; names what is missing, repeated or not found. */
export function matchColumns(source: SourceFile, columns: DescribedColumn[], tickerColumn?: string): FileColumns {
  const found: Partial<Record<ColumnKey | "ticker", DescribedColumn>> = {};
  const wantedTicker = tickerColumn === undefined ? undefined : normalizeHeaderName(tickerColumn);
  for (const column of columns) {
    const normalized = normalizeHeaderName(column.name);
    const key = wantedTicker !== undefined ? (normalized === wantedTicker ? "ticker" : barColumnOf(column.name)) : TICKER_NAMES.has(normalized) ? "ticker" : barColumnOf(column.name);
    if (key === undefined) continue;
    const before = found[key];
    if (before) fail(source.path, `the columns '${before.name}' and '${column.name}' both name the ${key === "adjClose" ? "adjusted close" : key} column; keep one`, key);
    found[key] = column;
  }
  const names = columns.map((c) => `'${c.name}'`).join(", ");
  if (tickerColumn !== undefined && !found.ticker) fail(source.path, `there is no column '${tickerColumn}' (the ticker column asked for); its columns are ${names}`, "tickerColumn");
  if (!found.date) fail(source.path, `there is no date column (one named Date, Datetime or Timestamp); its columns are ${names}`, "date");
  const missing = REQUIRED.filter((k) => !found[k]);
  if (missing.length) fail(source.path, `it lacks the column(s) ${missing.join(", ")}; its columns are ${names}; expected ${CSV_LAYOUTS_HELP}, optionally with a ticker column`, missing[0]);
  return found as FileColumns;
}

/** A SQL identifier. */
export function sqlIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
