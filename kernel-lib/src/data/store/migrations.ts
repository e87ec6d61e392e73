/**
 * Versioned schema migrations of the DuckDB store. Each runs once, in order, in a transaction;
 * the applied versions are recorded in `schema_migrations`. Append new ones; never edit old ones.
 */
import type { DuckDBConnection } from "@duckdb/node-api";

/** One schema change. */
export interface Migration {
  version: number;
  description: string;
  sql: string[];
}

export const migrations: Migration[] = [
  {
    version: 1,
    description: "bars, tickers and the ingestion log",
    sql: [
      `CREATE TABLE ohlcv (
        ticker VARCHAR NOT NULL, interval VARCHAR NOT NULL, ts TIMESTAMP NOT NULL,
        open DOUBLE NOT NULL, high DOUBLE NOT NULL, low DOUBLE NOT NULL, close DOUBLE NOT NULL,
        adj_close DOUBLE NOT NULL, volume DOUBLE NOT NULL,
        PRIMARY KEY (ticker, interval, ts))`,
      `CREATE TABLE tickers (
        ticker VARCHAR NOT NULL, interval VARCHAR NOT NULL, provider VARCHAR NOT NULL,
        first_ts TIMESTAMP, last_ts TIMESTAMP, last_ingested_at TIMESTAMP,
        row_count BIGINT NOT NULL DEFAULT 0, data_version BIGINT NOT NULL DEFAULT 0,
        PRIMARY KEY (ticker, interval))`,
      `CREATE TABLE ingestion_runs (
        id VARCHAR PRIMARY KEY, started_at TIMESTAMP NOT NULL, finished_at TIMESTAMP,
        provider VARCHAR NOT NULL, interval VARCHAR NOT NULL, tickers VARCHAR[] NOT NULL,
        status VARCHAR NOT NULL, summary JSON, trigger VARCHAR)`,
    ],
  },
  {
    version: 2,
    description: "schedules and their runs",
    sql: [
      `CREATE TABLE schedules (
        id VARCHAR PRIMARY KEY, kind VARCHAR NOT NULL, cron VARCHAR NOT NULL, timezone VARCHAR NOT NULL,
        enabled BOOLEAN NOT NULL, params JSON NOT NULL, source VARCHAR NOT NULL,
        created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL)`,
      `CREATE TABLE schedule_runs (
        id VARCHAR PRIMARY KEY, schedule_id VARCHAR NOT NULL, started_at TIMESTAMP NOT NULL,
        finished_at TIMESTAMP, status VARCHAR NOT NULL, summary JSON, error VARCHAR, trigger VARCHAR NOT NULL)`,
    ],
  },
  {
    version: 3,
    description: "jobs: status, progress, result or error, log tail",
    sql: [
      // seq orders jobs newest first even when two are created in the same millisecond
      "CREATE SEQUENCE jobs_seq",
      `CREATE TABLE jobs (
        id VARCHAR PRIMARY KEY, seq BIGINT NOT NULL DEFAULT nextval('jobs_seq'), kind VARCHAR NOT NULL,
        params JSON NOT NULL, status VARCHAR NOT NULL, progress JSON NOT NULL, result JSON, error JSON,
        log JSON NOT NULL, trigger VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL,
        started_at TIMESTAMP, finished_at TIMESTAMP)`,
    ],
  },
  {
    version: 4,
    description: "bar revisions (recorded_at, superseded revisions kept), snapshots and runs' data pins",
    sql: [
      // ohlcv stays the current state (the hot read is unchanged); a revised bar's previous value moves here
      `CREATE TABLE ohlcv_revisions (
        ticker VARCHAR NOT NULL, interval VARCHAR NOT NULL, ts TIMESTAMP NOT NULL,
        open DOUBLE NOT NULL, high DOUBLE NOT NULL, low DOUBLE NOT NULL, close DOUBLE NOT NULL,
        adj_close DOUBLE NOT NULL, volume DOUBLE NOT NULL,
        recorded_at TIMESTAMP NOT NULL, superseded_at TIMESTAMP NOT NULL,
        PRIMARY KEY (ticker, interval, ts, recorded_at))`,
      "CREATE TABLE snapshots (name VARCHAR PRIMARY KEY, created_at TIMESTAMP NOT NULL, description VARCHAR)",
      `CREATE TABLE snapshot_tickers (
        name VARCHAR NOT NULL, ticker VARCHAR NOT NULL, interval VARCHAR NOT NULL, as_of TIMESTAMP NOT NULL,
        PRIMARY KEY (name, ticker, interval))`,
      `CREATE TABLE data_pins (
        run_id VARCHAR PRIMARY KEY, mlflow_run_id VARCHAR, created_at TIMESTAMP NOT NULL, as_of TIMESTAMP NOT NULL,
        snapshot VARCHAR, pin JSON NOT NULL)`,
      `CREATE TABLE data_pin_ranges (
        run_id VARCHAR NOT NULL, ticker VARCHAR NOT NULL, interval VARCHAR NOT NULL,
        start_ts TIMESTAMP, end_ts TIMESTAMP, as_of TIMESTAMP NOT NULL,
        PRIMARY KEY (run_id, ticker, interval))`,
      // ohlcv is rebuilt with recorded_at (DuckDB cannot add a column to an indexed table and keep
      // its index in one transaction). Bars stored before revisions were kept count as recorded at
      // their ticker's last ingestion (the latest time their state is known to hold), else now.
      `CREATE TABLE ohlcv_v4 (
        ticker VARCHAR NOT NULL, interval VARCHAR NOT NULL, ts TIMESTAMP NOT NULL,
        open DOUBLE NOT NULL, high DOUBLE NOT NULL, low DOUBLE NOT NULL, close DOUBLE NOT NULL,
        adj_close DOUBLE NOT NULL, volume DOUBLE NOT NULL, recorded_at TIMESTAMP NOT NULL,
        PRIMARY KEY (ticker, interval, ts))`,
      `INSERT INTO ohlcv_v4 SELECT o.*, coalesce(t.last_ingested_at, now()::TIMESTAMP)
       FROM ohlcv o LEFT JOIN tickers t USING (ticker, interval) ORDER BY o.ticker, o.interval, o.ts`,
      "DROP TABLE ohlcv",
      "ALTER TABLE ohlcv_v4 RENAME TO ohlcv",
    ],
  },
  {
    version: 5,
    description: "universes (versioned definitions and memberships) and ticker attributes",
    sql: [
      // the head of each universe: its current version, or deleted (its versions stay for pinned runs)
      `CREATE TABLE universes (
        name VARCHAR PRIMARY KEY, version INTEGER NOT NULL, created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL,
        deleted_at TIMESTAMP)`,
      `CREATE TABLE universe_versions (
        name VARCHAR NOT NULL, version INTEGER NOT NULL, description VARCHAR, kind VARCHAR NOT NULL, definition JSON NOT NULL,
        source VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL,
        PRIMARY KEY (name, version))`,
      // from/to are whole days, both inclusive; to NULL = still a member
      `CREATE TABLE universe_memberships (
        universe VARCHAR NOT NULL, version INTEGER NOT NULL, ticker VARCHAR NOT NULL, from_ts TIMESTAMP NOT NULL, to_ts TIMESTAMP,
        PRIMARY KEY (universe, version, ticker, from_ts))`,
      `CREATE TABLE ticker_attributes (
        ticker VARCHAR PRIMARY KEY, sector VARCHAR, industry VARCHAR, name VARCHAR, exchange VARCHAR, currency VARCHAR,
        updated_at TIMESTAMP NOT NULL)`,
    ],
  },
];

/** Applies the migrations `connection`'s database has not seen yet (up to version `upTo`, for tests); returns the versions applied. */
export async function migrate(connection: DuckDBConnection, upTo = Number.POSITIVE_INFINITY): Promise<number[]> {
  await connection.run(
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description VARCHAR, applied_at TIMESTAMP)",
  );
  const done = new Set(
    (await connection.runAndReadAll("SELECT version FROM schema_migrations")).getRowObjects().map((r) => Number(r.version)),
  );
  const applied: number[] = [];
  for (const m of migrations) {
    if (done.has(m.version) || m.version > upTo) continue;
    await connection.run("BEGIN TRANSACTION");
    try {
      for (const statement of m.sql) await connection.run(statement);
      await connection.run("INSERT INTO schema_migrations VALUES ($1, $2, now()::TIMESTAMP)", [m.version, m.description]);
      await connection.run("COMMIT");
    } catch (error) {
      await connection.run("ROLLBACK");
      throw error;
    }
    applied.push(m.version);
  }
  return applied;
}
