/**
 * Named snapshots: a watermark per ticker (the time the snapshot was taken), no copy of bars. Reading
 * with `asOf: "<name>"` returns the bars recorded by that watermark, which revisions keep.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { z } from "zod";
import { Conflict, NotFound } from "../../errors.js";
import { closeMatches } from "../../util/suggest.js";
import type { Interval } from "../frame.js";

/** A snapshot as listed. */
export interface SnapshotInfo {
  name: string;
  /** When it was taken, ISO; also the watermark of each of its tickers. */
  createdAt: string;
  description: string | null;
  /** The tickers (and intervals) it freezes. */
  tickers: Array<{ ticker: string; interval: Interval }>;
}

/** The zod shape of SnapshotInfo (for the REST API). */
export const snapshotInfoSchema = z.object({
  name: z.string(),
  createdAt: z.string(),
  description: z.string().nullable(),
  tickers: z.array(z.object({ ticker: z.string(), interval: z.string() })),
});

/** Inserts a snapshot with watermark `asOfMs` over `tickers` (every stored one when empty); refuses a taken name. */
export async function insertSnapshot(
  conn: DuckDBConnection,
  name: string,
  tickers: string[] | undefined,
  asOfMs: number,
  description: string | undefined,
): Promise<void> {
  const taken = (await conn.runAndReadAll("SELECT 1 FROM snapshots WHERE name = $1", [name])).getRowObjects();
  if (taken.length) {
    throw new Conflict(`A snapshot named '${name}' already exists; choose another name or delete it first.`, [{ path: "name", message: "already exists" }]);
  }
  const stored = (await conn.runAndReadAll("SELECT ticker, interval FROM tickers WHERE row_count > 0 ORDER BY ticker, interval")).getRowObjects();
  const names = [...new Set(stored.map((r) => String(r.ticker)))];
  const wanted = tickers?.length ? tickers : names;
  const missing = wanted.filter((t) => !names.includes(t));
  if (missing.length) {
    const hints = missing.flatMap((t) => closeMatches(t, names));
    throw new NotFound(
      `Cannot snapshot ${missing.join(", ")}: no bars stored.${hints.length ? ` Did you mean ${hints.join(", ")}?` : " Ingest first."}`,
      [{ path: "tickers", message: `not stored: ${missing.join(", ")}` }],
    );
  }
  if (wanted.length === 0) throw new NotFound("Nothing is stored yet, so there is nothing to snapshot: ingest first.", [{ path: "tickers", message: "empty store" }]);
  await conn.run("INSERT INTO snapshots VALUES ($1, make_timestamp($2::BIGINT * 1000), $3)", [name, asOfMs, description ?? null]);
  await conn.run(
    `INSERT INTO snapshot_tickers SELECT $1, ticker, interval, make_timestamp($2::BIGINT * 1000) FROM tickers
     WHERE row_count > 0 AND list_contains($3::VARCHAR[], ticker)`,
    [name, asOfMs, JSON.stringify(wanted)],
  );
}

/** Every snapshot (or the one called `name`), newest first, with its tickers. */
export async function selectSnapshots(conn: DuckDBConnection, name?: string): Promise<SnapshotInfo[]> {
  const rows = (
    await conn.runAndReadAll(
      `SELECT name, epoch_ms(created_at)::DOUBLE AS c, description FROM snapshots
       WHERE $1::VARCHAR IS NULL OR name = $1 ORDER BY created_at DESC, name`,
      [name ?? null],
    )
  ).getRowObjects();
  const members = (
    await conn.runAndReadAll("SELECT name, ticker, interval FROM snapshot_tickers WHERE $1::VARCHAR IS NULL OR name = $1 ORDER BY ticker, interval", [name ?? null])
  ).getRowObjects();
  return rows.map((r) => ({
    name: String(r.name),
    createdAt: new Date(Number(r.c)).toISOString(),
    description: r.description === null ? null : String(r.description),
    tickers: members.filter((m) => m.name === r.name).map((m) => ({ ticker: String(m.ticker), interval: String(m.interval) as Interval })),
  }));
}

/** Removes a snapshot; unknown names are a NotFound listing the known ones. */
export async function removeSnapshot(conn: DuckDBConnection, name: string): Promise<void> {
  await requireSnapshot(conn, name);
  await conn.run("DELETE FROM snapshot_tickers WHERE name = $1", [name]);
  await conn.run("DELETE FROM snapshots WHERE name = $1", [name]);
}

/** Throws NotFound (with close names) when no snapshot is called `name`. */
export async function requireSnapshot(conn: DuckDBConnection, name: string): Promise<void> {
  const rows = (await conn.runAndReadAll("SELECT 1 FROM snapshots WHERE name = $1", [name])).getRowObjects();
  if (rows.length) return;
  const known = (await conn.runAndReadAll("SELECT name FROM snapshots ORDER BY name")).getRowObjects().map((r) => String(r.name));
  const close = closeMatches(name, known);
  const hint = close.length ? ` Did you mean ${close.join(", ")}?` : known.length ? ` Snapshots: ${known.slice(0, 20).join(", ")}.` : " There are no snapshots yet: oq.snapshot(name) takes one.";
  throw new NotFound(`No snapshot named '${name}'.${hint}`, [{ path: "asOf", message: "unknown snapshot" }]);
}

/** The watermark (epoch ms) of `ticker` in snapshot `name`; NotFound when the snapshot or the ticker in it is unknown. */
export async function snapshotWatermark(conn: DuckDBConnection, name: string, ticker: string, interval: string): Promise<number> {
  await requireSnapshot(conn, name);
  const rows = (
    await conn.runAndReadAll("SELECT epoch_ms(as_of)::DOUBLE AS a FROM snapshot_tickers WHERE name = $1 AND ticker = $2 AND interval = $3", [name, ticker, interval])
  ).getRowObjects();
  if (rows.length) return Number(rows[0].a);
  const held = (await conn.runAndReadAll("SELECT DISTINCT ticker FROM snapshot_tickers WHERE name = $1 ORDER BY ticker", [name])).getRowObjects().map((r) => String(r.ticker));
  throw new NotFound(`Snapshot '${name}' does not include ${ticker} (${interval}); it holds ${held.join(", ") || "no tickers"}.`, [
    { path: "asOf", message: `${ticker} not in snapshot` },
  ]);
}
