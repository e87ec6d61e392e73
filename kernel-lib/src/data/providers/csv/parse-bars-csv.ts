/**
 * Parsing a CSV of daily or intraday bars into a frame. Decisions:
 * - Rows may come in any order (many exports are newest first): they are sorted by date.
 * - Two rows with the same date are refused, naming both lines: which one is right is the user's call.
 * - Yahoo's `null` rows (a day without a quote) are skipped and reported; any other cell that is not
 *   a number is an error naming the line and column.
 * - Dates are `YYYY-MM-DD` (stamped 00:00 UTC) or ISO date-times; a date-time without a zone is UTC.
 * - Blank lines are ignored; a UTF-8 byte-order mark and CRLF line ends are accepted.
 */
import { InvalidInput } from "../../../errors.js";
import { allocFrame, type Interval } from "../../frame.js";
import { describeInstant, parseIsoDate } from "../dates.js";
import type { FetchedFrame, SkippedRow } from "../provider.js";
import { type CsvColumns, type CsvLayout, detectColumns } from "./csv-header.js";
import { splitCsvLine } from "./csv-line.js";

/** Where the text came from and what to call the bars. */
export interface CsvSource {
  /** Path shown in error messages. */
  file: string;
  ticker: string;
  interval: Interval;
}

/** The parsed bars, the layout the header showed, and the rows skipped. */
export interface ParsedCsv {
  frame: FetchedFrame;
  layout: CsvLayout;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})?$/i;

/** Epoch ms of a CSV date cell, or NaN when it is neither `YYYY-MM-DD` nor an ISO date-time. */
export function parseCsvDate(text: string): number {
  const t = text.trim();
  const dateOnly = parseIsoDate(t);
  if (!Number.isNaN(dateOnly)) return dateOnly;
  const m = DATE_TIME.exec(t);
  if (!m || Number.isNaN(parseIsoDate(m[1]))) return Number.NaN;
  const zone = m[5] ? m[5].toUpperCase().replace(/^([+-]\d{2})(\d{2})$/, "$1:$2") : "Z";
  return Date.parse(`${m[1]}T${m[2]}${zone}`);
}

interface Row {
  line: number;
  ts: number;
  values: [number, number, number, number, number, number];
}

const NUMERIC_COLUMNS = ["open", "high", "low", "close", "adjClose", "volume"] as const;

/** Parses CSV text of bars; throws InvalidInput naming the file and line for anything it cannot read. */
export function parseBarsCsv(text: string, source: CsvSource): ParsedCsv {
  const fail = (line: number | undefined, message: string): never => {
    const where = line === undefined ? source.file : `${source.file}, line ${line}`;
    throw new InvalidInput(`Cannot import ${where}: ${message}.`, [
      { path: line === undefined ? "file" : `line ${line}`, message },
    ]);
  };
  if (text.includes("\u0000")) fail(undefined, "it is not a text CSV file (it contains NUL bytes)");
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const headerIndex = lines.findIndex((l) => l.trim() !== "");
  if (headerIndex < 0) fail(undefined, "the file is empty; expected a header line such as 'Date,Open,High,Low,Close,Adj Close,Volume'");

  const header = splitCsvLine(lines[headerIndex]);
  if (!Array.isArray(header)) return fail(headerIndex + 1, header.error);
  const detected = detectColumns(header);
  if ("error" in detected) return fail(headerIndex + 1, detected.error);
  const columns: CsvColumns = detected;
  const headerNames = header.map((h) => h.trim());

  const rows: Row[] = [];
  const skipped: SkippedRow[] = [];
  for (let i = headerIndex + 1; i < lines.length; i++) {
    const lineNo = i + 1;
    if (lines[i].trim() === "") continue;
    const cells = splitCsvLine(lines[i]);
    if (!Array.isArray(cells)) return fail(lineNo, cells.error);
    if (cells.length !== header.length) {
      fail(lineNo, `it has ${cells.length} field(s) but the header has ${header.length}`);
    }
    const dateText = cells[columns.date].trim();
    const ts = parseCsvDate(dateText);
    if (Number.isNaN(ts)) fail(lineNo, `'${dateText}' is not a date (expected YYYY-MM-DD or an ISO date-time)`);

    const positions = [columns.open, columns.high, columns.low, columns.close, columns.adjClose ?? columns.close, columns.volume];
    const raw = positions.map((p) => cells[p].trim());
    if (raw.some((v) => v.toLowerCase() === "null")) {
      skipped.push({ line: lineNo, ts, reason: "a 'null' value (Yahoo writes these for days without a quote)" });
      continue;
    }
    const values = raw.map((v, k) => {
      if (!NUMBER.test(v)) {
        const name = headerNames[positions[k]] || NUMERIC_COLUMNS[k];
        return fail(lineNo, `column '${name}' is not a number: '${v}'`);
      }
      return Number(v);
    }) as Row["values"];
    rows.push({ line: lineNo, ts, values });
  }
  if (rows.length === 0 && skipped.length === 0) fail(undefined, "the file has a header but no rows");

  // Stable sort: equal dates stay adjacent in file order, so duplicates are found next to each other.
  rows.sort((a, b) => a.ts - b.ts);
  for (let k = 1; k < rows.length; k++) {
    if (rows[k].ts === rows[k - 1].ts) {
      const [first, second] = [rows[k - 1].line, rows[k].line].sort((a, b) => a - b);
      fail(second, `it repeats the date ${describeInstant(rows[k].ts)} of line ${first}; keep one row per date`);
    }
  }

  const frame = allocFrame(source.ticker, source.interval, rows.length);
  rows.forEach((row, k) => {
    frame.ts[k] = row.ts;
    frame.open[k] = row.values[0];
    frame.high[k] = row.values[1];
    frame.low[k] = row.values[2];
    frame.close[k] = row.values[3];
    frame.adjClose[k] = row.values[4];
    frame.volume[k] = row.values[5];
  });
  return { frame: { ...frame, skipped }, layout: columns.layout };
}
