/**
 * Upserting the staged rows of an import into `ohlcv` with set operations, as writeBars does for
 * one ticker: new keys are inserted, changed bars replaced (their previous values kept in
 * `ohlcv_revisions`), equal ones left alone; `tickers` is updated once per ticker. When none of the
 * imported tickers has stored bars yet, the rows go straight in with one INSERT … SELECT.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { InvalidInput } from "../../errors.js";
import type { Interval } from "../frame.js";
import type { ImportedRowIssue, ImportedTicker } from "./import-types.js";
import { describeRow, lineOf, type SourceFile } from "./sources.js";
import { sqlString } from "./date-formats.js";
import { STAGED } from "./stage.js";

/** Refused and skipped rows listed per ticker (the counts are always complete). */
export const ISSUES_PER_TICKER = 20;

const VALUE_COLUMNS = ["open", "high", "low", "close", "adj_close", "volume"] as const;
const DIFFERS = VALUE_COLUMNS.map((c) => `o.${c} IS DISTINCT FROM s.${c}`).join(" OR ");
const VALID = `(SELECT ticker, ts, ${VALUE_COLUMNS.join(", ")} FROM ${STAGED} WHERE NOT missing AND problem IS NULL)`;

/**
 * Thrown when the primary key refused a repeated (ticker, time) on the fast path, which skips the
 * duplicate check: the import is then run again with the check, to name both rows.
 */
export class RepeatedKey extends Error {}

/** What the upsert needs besides the staged rows. */
export interface UpsertContext {
  /** Look for repeated (ticker, time) before writing; false lets the primary key find them (faster). */
  checkDuplicates: boolean;
  interval: Interval;
  /** recorded_at of the written bars, epoch µs. */
  stamp: number;
  provider: string;
  sources: SourceFile[];
}

const num = (v: unknown) => Number(v ?? 0);
const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(Number(v)).toISOString());

/** Refuses two rows of one ticker with the same time, naming both (in any of the files). */
async function refuseDuplicates(conn: DuckDBConnection, sources: SourceFile[]): Promise<void> {
  // a bare count per key first (cheap); the rows are looked up only when a key repeats
  const repeated = (
    await conn.runAndReadAll(`SELECT ticker, ts FROM ${STAGED} WHERE NOT missing GROUP BY ticker, ts HAVING count(*) > 1 LIMIT 1`)
  ).getRowObjects();
  if (!repeated.length) return;
  const rows = (
    await conn.runAndReadAll(
      `SELECT ticker, epoch_ms(ts) AS t, list(file_no ORDER BY file_no, row_no)[1:2] AS files, list(row_no ORDER BY file_no, row_no)[1:2] AS rows_
       FROM ${STAGED} WHERE NOT missing AND (ticker, ts) IN (SELECT ticker, ts FROM ${STAGED} WHERE NOT missing GROUP BY ticker, ts HAVING count(*) > 1)
       GROUP BY ticker, ts ORDER BY min(file_no), min(row_no) LIMIT 1`,
    )
  ).getRowObjects();
  const r = rows[0];
  const files = (r.files as { items: unknown[] }).items.map(Number);
  const lines = (r.rows_ as { items: unknown[] }).items.map(Number);
  const first = describeRow(sources[files[0]], lines[0]);
  const second = describeRow(sources[files[1]], lines[1]);
  const date = new Date(Number(r.t)).toISOString().replace("T00:00:00.000Z", "");
  const message = `${r.ticker} has two rows for ${date}: ${first} and ${second}`;
  throw new InvalidInput(`Cannot import: ${message}; keep one row per ticker and date.`, [{ path: "date", message }]);
}

/** Per-ticker counts of the staged rows, before the upsert. */
async function stagedCounts(conn: DuckDBConnection): Promise<Map<string, ImportedTicker & { fileNos: number[] }>> {
  const rows = (
    await conn.runAndReadAll(
      `SELECT ticker, count(*) AS received, count(*) FILTER (WHERE missing) AS skipped, count(*) FILTER (WHERE problem IS NOT NULL) AS rejected,
              epoch_ms(min(ts) FILTER (WHERE NOT missing AND problem IS NULL)) AS first_ms, epoch_ms(max(ts) FILTER (WHERE NOT missing AND problem IS NULL)) AS last_ms,
              list(DISTINCT file_no ORDER BY file_no) AS file_nos
       FROM ${STAGED} GROUP BY ticker ORDER BY ticker`,
    )
  ).getRowObjects();
  const out = new Map<string, ImportedTicker & { fileNos: number[] }>();
  for (const r of rows) {
    const ticker = String(r.ticker);
    out.set(ticker, {
      ticker,
      files: [],
      fileNos: (r.file_nos as { items: unknown[] }).items.map(Number),
      firstBar: iso(r.first_ms),
      lastBar: iso(r.last_ms),
      received: num(r.received),
      inserted: 0,
      updated: 0,
      unchanged: 0,
      rejected: num(r.rejected),
      skipped: num(r.skipped),
      issues: [],
      dataVersion: 0,
    });
  }
  return out;
}

/** The first refused or skipped rows of each ticker, with file and line. */
async function rowIssues(conn: DuckDBConnection, sources: SourceFile[]): Promise<Map<string, ImportedRowIssue[]>> {
  const rows = (
    await conn.runAndReadAll(
      `SELECT ticker, file_no, row_no, epoch_ms(ts) AS t, missing, problem FROM (
         SELECT *, row_number() OVER (PARTITION BY ticker ORDER BY file_no, row_no) AS k FROM ${STAGED} WHERE missing OR problem IS NOT NULL)
       WHERE k <= ${ISSUES_PER_TICKER} ORDER BY ticker, file_no, row_no`,
    )
  ).getRowObjects();
  const out = new Map<string, ImportedRowIssue[]>();
  for (const r of rows) {
    const source = sources[Number(r.file_no)];
    const list = out.get(String(r.ticker)) ?? [];
    list.push({
      file: source.path,
      line: lineOf(source, Number(r.row_no)),
      date: iso(r.t) ?? "",
      reason: r.missing ? "a missing value ('null' or an empty cell; Yahoo writes these for days without a quote)" : String(r.problem),
    });
    out.set(String(r.ticker), list);
  }
  return out;
}

/** True when any imported ticker already has bars of this interval. */
async function anyStored(conn: DuckDBConnection, interval: Interval, tickers: string[]): Promise<boolean> {
  const r = (
    await conn.runAndReadAll(
      `SELECT count(*) AS n FROM tickers WHERE interval = ${sqlString(interval)} AND row_count > 0 AND ticker IN (${tickers.map(sqlString).join(", ")})`,
    )
  ).getRowObjects()[0];
  return num(r.n) > 0;
}

/** Writes the valid staged rows; returns inserted and updated counts per ticker. */
async function writeBars(conn: DuckDBConnection, ctx: UpsertContext, staged: Map<string, ImportedTicker>): Promise<Map<string, { inserted: number; updated: number }>> {
  const tickers = [...staged.keys()];
  const interval = sqlString(ctx.interval);
  const stamp = `make_timestamp(${ctx.stamp}::BIGINT)`;
  const counts = new Map<string, { inserted: number; updated: number }>();
  if (!(await anyStored(conn, ctx.interval, tickers))) {
    // nothing stored for these tickers: every valid row is new, and the key refuses repeated ones
    try {
      await conn.run(`INSERT INTO ohlcv SELECT ticker, ${interval}, ts, ${VALUE_COLUMNS.join(", ")}, ${stamp} FROM ${VALID}`);
    } catch (error) {
      if (/duplicate key|PRIMARY KEY|unique constraint/i.test((error as Error).message)) throw new RepeatedKey((error as Error).message);
      throw error;
    }
    for (const t of staged.values()) counts.set(t.ticker, { inserted: t.received - t.skipped - t.rejected, updated: 0 });
    return counts;
  }
  if (!ctx.checkDuplicates) await refuseDuplicates(conn, ctx.sources);
  const existing = `(SELECT * FROM ohlcv WHERE interval = ${interval} AND ticker IN (${tickers.map(sqlString).join(", ")}))`;
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE import_changes AS
     SELECT s.*, o.ts IS NULL AS is_new FROM ${VALID} s LEFT JOIN ${existing} o USING (ticker, ts) WHERE o.ts IS NULL OR ${DIFFERS}`,
  );
  try {
    // the previous value of each revised bar stays, valid until now
    await conn.run(
      `INSERT INTO ohlcv_revisions SELECT o.*, ${stamp} FROM import_changes c JOIN ${existing} o USING (ticker, ts) WHERE NOT c.is_new`,
    );
    await conn.run(`INSERT INTO ohlcv SELECT ticker, ${interval}, ts, ${VALUE_COLUMNS.join(", ")}, ${stamp} FROM import_changes WHERE is_new`);
    await conn.run(
      `INSERT INTO ohlcv SELECT ticker, ${interval}, ts, ${VALUE_COLUMNS.join(", ")}, ${stamp} FROM import_changes WHERE NOT is_new
       ON CONFLICT DO UPDATE SET ${[...VALUE_COLUMNS, "recorded_at"].map((c) => `${c} = excluded.${c}`).join(", ")}`,
    );
    const rows = (
      await conn.runAndReadAll("SELECT ticker, count(*) FILTER (WHERE is_new) AS i, count(*) FILTER (WHERE NOT is_new) AS u FROM import_changes GROUP BY ticker")
    ).getRowObjects();
    for (const r of rows) counts.set(String(r.ticker), { inserted: num(r.i), updated: num(r.u) });
  } finally {
    await conn.run("DROP TABLE IF EXISTS import_changes").catch(() => undefined);
  }
  return counts;
}

/** Updates `tickers` like writeBars: range widened, rows added, data version bumped only when bars changed. */
async function updateTickers(conn: DuckDBConnection, ctx: UpsertContext, tickers: ImportedTicker[]): Promise<void> {
  const values = tickers
    .map((t) => {
      const ms = (s: string | null) => (s === null ? "NULL" : `make_timestamp(${Date.parse(s)}::BIGINT * 1000)`);
      return `(${sqlString(t.ticker)}, ${ms(t.firstBar)}, ${ms(t.lastBar)}, ${t.inserted}, ${t.inserted + t.updated > 0 ? 1 : 0})`;
    })
    .join(", ");
  const rows = (
    await conn.runAndReadAll(
      `INSERT INTO tickers (ticker, interval, provider, first_ts, last_ts, last_ingested_at, row_count, data_version)
       SELECT ticker, ${sqlString(ctx.interval)}, ${sqlString(ctx.provider)}, first_ts, last_ts, now()::TIMESTAMP, inserted, changed
       FROM (VALUES ${values}) v(ticker, first_ts, last_ts, inserted, changed)
       ON CONFLICT DO UPDATE SET provider = excluded.provider,
         first_ts = least(tickers.first_ts, excluded.first_ts), last_ts = greatest(tickers.last_ts, excluded.last_ts),
         last_ingested_at = excluded.last_ingested_at, row_count = tickers.row_count + excluded.row_count,
         data_version = tickers.data_version + excluded.data_version
       RETURNING ticker, data_version`,
    )
  ).getRowObjects();
  const byTicker = new Map(tickers.map((t) => [t.ticker, t]));
  for (const r of rows) {
    const t = byTicker.get(String(r.ticker));
    if (t) t.dataVersion = num(r.data_version);
  }
}

/** Upserts the staged rows (inside the caller's transaction) and reports per ticker, sorted by ticker. */
export async function upsertStaged(conn: DuckDBConnection, ctx: UpsertContext): Promise<ImportedTicker[]> {
  if (ctx.checkDuplicates) await refuseDuplicates(conn, ctx.sources);
  const staged = await stagedCounts(conn);
  const written = await writeBars(conn, ctx, staged);
  const issues = await rowIssues(conn, ctx.sources);
  const tickers: ImportedTicker[] = [];
  for (const t of staged.values()) {
    const { fileNos, ...rest } = t;
    const w = written.get(t.ticker) ?? { inserted: 0, updated: 0 };
    const valid = t.received - t.skipped - t.rejected;
    tickers.push({ ...rest, files: fileNos.map((k) => ctx.sources[k].path), ...w, unchanged: valid - w.inserted - w.updated, issues: issues.get(t.ticker) ?? [] });
  }
  if (tickers.length) await updateTickers(conn, ctx, tickers);
  return tickers;
}
