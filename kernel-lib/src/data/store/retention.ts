/**
 * Retention of bar revisions: superseded revisions older than N days are dropped unless a snapshot
 * or a run's data pin needs them (the revision was the visible one at the pin's asOf, inside its
 * range). `force` drops them anyway; reproducing an affected run then fails, naming what is gone.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { z } from "zod";

/** Options of a retention pass. */
export const retentionOptionsSchema = z.strictObject({
  /** Drop revisions superseded more than this many days ago (default from configs/data_sources.yaml). */
  olderThanDays: z.number().min(0).max(100_000).optional(),
  /** Drop them even when a snapshot or run needs them. */
  force: z.boolean().default(false),
});

/** Options of a retention pass (input form). */
export type RetentionOptions = z.input<typeof retentionOptionsSchema>;

/** What a retention pass did. */
export interface RetentionReport {
  /** Revisions superseded before this time were candidates, ISO. */
  cutoff: string;
  olderThanDays: number;
  force: boolean;
  /** Revisions dropped. */
  removed: number;
  /** Candidates kept because a snapshot or run pin needs them (0 with force). */
  kept: number;
  /** Runs (local ids) and snapshots whose data lost revisions (force only). */
  affectedRuns: string[];
  affectedSnapshots: string[];
}

const neededByPin = `EXISTS (SELECT 1 FROM data_pin_ranges p WHERE p.ticker = r.ticker AND p.interval = r.interval
  AND r.recorded_at <= p.as_of AND p.as_of < r.superseded_at
  AND (p.start_ts IS NULL OR r.ts >= p.start_ts) AND (p.end_ts IS NULL OR r.ts <= p.end_ts))`;
const neededBySnapshot = `EXISTS (SELECT 1 FROM snapshot_tickers s WHERE s.ticker = r.ticker AND s.interval = r.interval
  AND r.recorded_at <= s.as_of AND s.as_of < r.superseded_at)`;

/** Runs one retention pass at time `nowMs` on `conn` (inside the caller's transaction). */
export async function applyRetention(conn: DuckDBConnection, olderThanDays: number, force: boolean, nowMs: number): Promise<RetentionReport> {
  const cutoffMs = nowMs - olderThanDays * 86_400_000;
  const candidates = `FROM ohlcv_revisions r WHERE r.superseded_at < make_timestamp($1::BIGINT * 1000)`;
  const counts = (
    await conn.runAndReadAll(`SELECT count(*) AS n, count(*) FILTER (WHERE ${neededByPin} OR ${neededBySnapshot}) AS needed ${candidates}`, [cutoffMs])
  ).getRowObjects()[0];
  const needed = Number(counts.needed);
  let affectedRuns: string[] = [];
  let affectedSnapshots: string[] = [];
  if (force && needed > 0) {
    affectedRuns = (
      await conn.runAndReadAll(
        `SELECT DISTINCT p.run_id FROM data_pin_ranges p JOIN ohlcv_revisions r ON p.ticker = r.ticker AND p.interval = r.interval
           AND r.recorded_at <= p.as_of AND p.as_of < r.superseded_at
           AND (p.start_ts IS NULL OR r.ts >= p.start_ts) AND (p.end_ts IS NULL OR r.ts <= p.end_ts)
         WHERE r.superseded_at < make_timestamp($1::BIGINT * 1000) ORDER BY 1`,
        [cutoffMs],
      )
    )
      .getRowObjects()
      .map((row) => String(row.run_id));
    affectedSnapshots = (
      await conn.runAndReadAll(
        `SELECT DISTINCT s.name FROM snapshot_tickers s JOIN ohlcv_revisions r ON s.ticker = r.ticker AND s.interval = r.interval
           AND r.recorded_at <= s.as_of AND s.as_of < r.superseded_at
         WHERE r.superseded_at < make_timestamp($1::BIGINT * 1000) ORDER BY 1`,
        [cutoffMs],
      )
    )
      .getRowObjects()
      .map((row) => String(row.name));
  }
  const keep = force ? "" : ` AND NOT ${neededByPin} AND NOT ${neededBySnapshot}`;
  await conn.run(`DELETE ${candidates}${keep}`, [cutoffMs]);
  return {
    cutoff: new Date(cutoffMs).toISOString(),
    olderThanDays,
    force,
    removed: force ? Number(counts.n) : Number(counts.n) - needed,
    kept: force ? 0 : needed,
    affectedRuns,
    affectedSnapshots,
  };
}
