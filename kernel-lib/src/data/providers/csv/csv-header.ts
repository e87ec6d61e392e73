/**
 * Recognising the two CSV layouts from the header: Yahoo's download
 * (`Date,Open,High,Low,Close,Adj Close,Volume`) and the plain `date,open,high,low,close,volume`.
 * Names are matched case-insensitively, ignoring spaces, `_`, `-` and `.`; columns may come in any
 * order and extra columns are ignored.
 */

/** The CSV layouts the csv provider reads. */
export type CsvLayout = "yahoo" | "plain";

/** Where each needed column sits in a row (0-based), and which layout the header shows. */
export interface CsvColumns {
  layout: CsvLayout;
  date: number;
  open: number;
  high: number;
  low: number;
  close: number;
  /** Absent in the plain layout, where adjusted close equals close. */
  adjClose?: number;
  volume: number;
}

/** A bar column a header can name. */
export type ColumnKey = Exclude<keyof CsvColumns, "layout">;

const ALIASES: Record<string, ColumnKey> = {
  date: "date",
  datetime: "date",
  timestamp: "date",
  open: "open",
  high: "high",
  low: "low",
  close: "close",
  adjclose: "adjClose",
  adjustedclose: "adjClose",
  volume: "volume",
};

const REQUIRED: readonly ColumnKey[] = ["date", "open", "high", "low", "close", "volume"];

/** The layouts, as a user would write their headers. */
export const CSV_LAYOUTS_HELP =
  "Yahoo's download layout 'Date,Open,High,Low,Close,Adj Close,Volume' or the plain layout 'date,open,high,low,close,volume'";

/** Header name → comparable key: lower case, without spaces, `_`, `-` and `.`. */
export function normalizeHeaderName(name: string): string {
  return name.trim().toLowerCase().replace(/[\s_.-]+/g, "");
}

/** Which bar column a header name stands for (`Adj Close` → adjClose), or undefined for any other column. */
export function barColumnOf(name: string): ColumnKey | undefined {
  return ALIASES[normalizeHeaderName(name)];
}

/** The column positions of a header row, or an error message naming what is missing or repeated. */
export function detectColumns(header: readonly string[]): CsvColumns | { error: string } {
  const found: Partial<Record<ColumnKey, number>> = {};
  for (let i = 0; i < header.length; i++) {
    const key = ALIASES[normalizeHeaderName(header[i])];
    if (key === undefined) continue;
    if (found[key] !== undefined) {
      return { error: `the header names the ${key === "adjClose" ? "adjusted close" : key} column twice ('${header[found[key]!].trim()}' and '${header[i].trim()}')` };
    }
    found[key] = i;
  }
  const missing = REQUIRED.filter((k) => found[k] === undefined);
  if (missing.length > 0) {
    return { error: `the header lacks the column(s) ${missing.join(", ")}; expected ${CSV_LAYOUTS_HELP}` };
  }
  return {
    layout: found.adjClose === undefined ? "plain" : "yahoo",
    date: found.date!,
    open: found.open!,
    high: found.high!,
    low: found.low!,
    close: found.close!,
    adjClose: found.adjClose,
    volume: found.volume!,
  };
}
