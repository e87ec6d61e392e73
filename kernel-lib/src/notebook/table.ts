/**
 * Tables for notebooks: a bar frame, a feature frame or an array of row objects as an HTML table
 * (and as text, for the plain-text fallback), with head/tail, number formatting and escaping.
 */
import { z } from "zod";
import { InvalidInput } from "../errors.js";
import { validate } from "../util/validate.js";
import { escapeHtml, formatNumber, formatTime } from "./html.js";

/** A cell value a table can show. */
export type Cell = string | number | boolean | null | undefined | Date | bigint;

/** Something a table shows: a BarFrame or FeatureFrame (any object with a `ts` column), or rows as objects. */
export type TableInput = ReadonlyArray<object> | { ts: Float64Array };

/** How much and how to show. */
export interface TableOptions {
  /** Rows from the top (default 5 when the table is longer than `head + tail`, else all). */
  head?: number;
  /** Rows from the bottom (default 5). */
  tail?: number;
  /** Only these columns, in this order (default: all). */
  columns?: string[];
  /** Significant digits of numbers (default 6). */
  digits?: number;
  /** Caption above the table. */
  caption?: string;
}

const optionsSchema = z.strictObject({
  head: z.number().int().min(0).max(100_000).default(5),
  tail: z.number().int().min(0).max(100_000).default(5),
  columns: z.array(z.string().min(1)).min(1).optional(),
  digits: z.number().int().min(1).max(17).default(6),
  caption: z.string().max(2000).optional(),
});

/** A table cut to what is shown: header, body rows (null: the "…" gap), and the total row count. */
export interface TableModel {
  /** Column names, in order. */
  columns: string[];
  /** Shown rows as formatted text; `null` stands for the skipped middle rows. */
  rows: Array<string[] | null>;
  /** Rows in the input. */
  total: number;
  /** Cells that are numbers, per column (right-aligned). */
  numeric: boolean[];
  /** The caption, if any. */
  caption?: string;
}

const TIME_COLUMNS = new Set(["ts", "time", "date", "timestamp"]);

function isFrame(input: TableInput): input is { ts: Float64Array } {
  return !Array.isArray(input) && typeof input === "object" && input !== null && (input as { ts?: unknown }).ts instanceof Float64Array;
}

/** Column name → getter of row i, and the row count, for any TableInput. */
function columnsOf(input: TableInput): { names: string[]; get: (name: string, i: number) => unknown; rows: number } {
  if (isFrame(input)) {
    // a frame's columns: every typed array at the top level, plus FeatureFrame's `columns` record
    const arrays: Record<string, ArrayLike<unknown>> = {};
    for (const [k, v] of Object.entries(input)) if (ArrayBuffer.isView(v) && !(v instanceof DataView)) arrays[k] = v as unknown as ArrayLike<unknown>;
    const nested = (input as { columns?: unknown }).columns;
    if (nested && typeof nested === "object" && !Array.isArray(nested)) {
      for (const [k, v] of Object.entries(nested)) if (v instanceof Float64Array) arrays[k] = v;
    }
    return { names: Object.keys(arrays), get: (name, i) => arrays[name]?.[i], rows: input.ts.length };
  }
  if (!Array.isArray(input)) throw new InvalidInput("table takes a BarFrame, a FeatureFrame or an array of row objects.", [{ path: "input", message: "not a table" }]);
  const names: string[] = [];
  const seen = new Set<string>();
  for (const row of input) {
    if (row === null || typeof row !== "object") throw new InvalidInput("table rows must be objects ({ column: value }).", [{ path: "rows", message: "not an object" }]);
    for (const k of Object.keys(row)) {
      if (seen.has(k)) continue;
      seen.add(k);
      names.push(k);
    }
  }
  return { names, get: (name, i) => (input[i] as Record<string, unknown>)[name], rows: input.length };
}

/** One cell as text: numbers formatted, epoch-ms time columns as dates, dates ISO, objects as JSON. */
export function formatCell(value: unknown, column: string, digits: number): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return TIME_COLUMNS.has(column) && Number.isFinite(value) && Number.isInteger(value) ? formatTime(value) : formatNumber(value, { digits });
  if (typeof value === "bigint") return value.toLocaleString("en-US");
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "Invalid Date" : formatTime(value.getTime());
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return String(value);
  return JSON.stringify(value) ?? String(value);
}

/** Cuts and formats a table: the rows shown, their text, and which columns are numeric. */
export function tableModel(input: TableInput, options: TableOptions = {}): TableModel {
  const o = validate(optionsSchema, options, "table options");
  const { names, get, rows } = columnsOf(input);
  const columns = o.columns ?? names;
  // an empty array of rows has no names to check against
  const unknown = rows === 0 ? [] : columns.filter((c) => !names.includes(c));
  if (unknown.length) throw new InvalidInput(`Unknown column(s) ${unknown.join(", ")}; the table has ${names.join(", ")}.`, [{ path: "columns", message: "unknown column" }]);
  const cut = rows > o.head + o.tail;
  const indices = cut ? [...Array.from({ length: o.head }, (_, i) => i), -1, ...Array.from({ length: o.tail }, (_, i) => rows - o.tail + i)] : Array.from({ length: rows }, (_, i) => i);
  const numeric = columns.map((c) => !TIME_COLUMNS.has(c) && indices.some((i) => i >= 0 && typeof get(c, i) === "number"));
  return {
    columns,
    rows: indices.map((i) => (i < 0 ? null : columns.map((c) => formatCell(get(c, i), c, o.digits)))),
    total: rows,
    numeric,
    caption: o.caption,
  };
}

/** The HTML of a table model: escaped, numbers right-aligned, a "…" row where rows were skipped. */
export function tableModelHtml(model: TableModel): string {
  const align = (k: number) => (model.numeric[k] ? ' style="text-align:right"' : "");
  const head = `<thead><tr>${model.columns.map((c, k) => `<th${align(k)}>${escapeHtml(c)}</th>`).join("")}</tr></thead>`;
  const body = model.rows
    .map((r) =>
      r === null
        ? `<tr><td colspan="${model.columns.length}" style="text-align:center">… ${model.total - model.rows.length + 1} more rows …</td></tr>`
        : `<tr>${r.map((v, k) => `<td${align(k)}>${escapeHtml(v)}</td>`).join("")}</tr>`,
    )
    .join("");
  const caption = model.caption === undefined ? "" : `<caption style="caption-side:top;text-align:left">${escapeHtml(model.caption)}</caption>`;
  return `<table class="openquant-table">${caption}${head}<tbody>${body}</tbody></table>\n<p style="font-size:smaller">${model.total} rows × ${model.columns.length} columns</p>`;
}

/** The plain text of a table model: aligned columns, for terminals and the text fallback. */
export function tableModelText(model: TableModel): string {
  const rows = model.rows.map((r) => r ?? model.columns.map(() => "…"));
  const widths = model.columns.map((c, k) => Math.max(c.length, ...rows.map((r) => r[k].length)));
  const line = (cells: string[]) => cells.map((v, k) => (model.numeric[k] ? v.padStart(widths[k]) : v.padEnd(widths[k]))).join("  ").trimEnd();
  return [...(model.caption ? [model.caption] : []), line(model.columns), ...rows.map(line), `(${model.total} rows × ${model.columns.length} columns)`].join("\n");
}

/** A frame or rows as an HTML table (head and tail, formatted and escaped). */
export function tableHtml(input: TableInput, options: TableOptions = {}): string {
  return tableModelHtml(tableModel(input, options));
}
