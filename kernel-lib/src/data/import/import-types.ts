/** What an import of files is asked to do and what it reports, shared by the library, REST and the CLI. */
import { z } from "zod";
import { INTERVALS, type Interval } from "../frame.js";
import { tickerSchema } from "../providers/ticker.js";
import { DATE_FORMAT_HELP } from "./date-formats.js";

/** How an import reads its files; everything is optional. */
export interface ImportOptions {
  /** The ticker of every row, for files without a ticker column (default: the file name, e.g. `AAPL.csv` → AAPL). */
  ticker?: string;
  /** The column that names each row's ticker (default: a column called ticker or symbol, if any). */
  tickerColumn?: string;
  /** The date format when it cannot be told from the file: `M/D/YYYY`, `D/M/YYYY`, `YYYY-MM-DD`, `YYYYMMDD`, `epoch_s`, `epoch_ms`, or a strptime pattern such as `%d.%m.%Y`. */
  dateFormat?: string;
  /** Bar interval of the rows, default "1d". */
  interval?: Interval;
  /**
   * A list universe to record every imported ticker in, over its stored bar range (created when
   * missing; its other tickers keep their memberships). `oq.importFiles` records them.
   */
  universe?: string;
}

/** The zod schema of ImportOptions (the REST body adds `input`). */
export const importOptionsSchema = z.strictObject({
  ticker: tickerSchema.optional(),
  tickerColumn: z.string().min(1).max(200).optional(),
  dateFormat: z.string().min(1).max(40).describe(DATE_FORMAT_HELP).optional(),
  interval: z.enum(INTERVALS).default("1d"),
  universe: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, "a universe name of letters, digits, '_', '.' or '-' (at most 64)")
    .optional(),
});

/** The zod schema of an import request: the file, folder or glob, and the options. */
export const importRequestSchema = importOptionsSchema.extend({ input: z.string().min(1).max(4096) });

/** An import request as validated (interval defaulted). */
export type ImportRequest = z.output<typeof importRequestSchema>;

/** A row that was not stored, with where it is. */
export interface ImportedRowIssue {
  /** The file it is in. */
  file: string;
  /** Its line in a CSV file (the header is line 1), or its row in a Parquet file (the first is 1). */
  line: number;
  /** Its time, ISO. */
  date: string;
  /** Why it was not stored. */
  reason: string;
}

/** The outcome for one ticker of an import. */
export interface ImportedTicker {
  ticker: string;
  /** The files its rows came from. */
  files: string[];
  /** First and last bar stored or confirmed by this import, ISO; null when no row was valid. */
  firstBar: string | null;
  lastBar: string | null;
  /** Rows read for it. */
  received: number;
  inserted: number;
  /** Bars whose values changed (the previous values are kept as revisions). */
  updated: number;
  unchanged: number;
  /** Rows refused by validation (OHLC sanity, non-positive prices). */
  rejected: number;
  /** Rows with a missing value (Yahoo's `null` days, empty cells). */
  skipped: number;
  /** The first refused or skipped rows (at most 20), with file and line. */
  issues: ImportedRowIssue[];
  /** The ticker's data version after the import (unchanged when nothing changed). */
  dataVersion: number;
}

/** One membership a universe would record: the ticker over its imported bar range (ISO dates). */
export interface ImportedMembership {
  ticker: string;
  from: string;
  to: string;
}

/** What an import did, per ticker and in total. */
export interface ImportResult {
  /** The files read, in order. */
  files: string[];
  interval: Interval;
  /** One entry per ticker, sorted by ticker. */
  tickers: ImportedTicker[];
  totals: { received: number; inserted: number; updated: number; unchanged: number; rejected: number; skipped: number };
  /** The memberships to record when `universe` was asked for (recording them is the universes' work). */
  universe: { name: string; members: ImportedMembership[]; recorded: boolean } | null;
  durationMs: number;
}
