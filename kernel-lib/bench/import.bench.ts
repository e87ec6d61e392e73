/**
 * Import benchmark (issue 16): `oq.importFiles` of 10 million bars (1,000 tickers × 10,000) from one
 * long CSV and from Parquet into a fresh store, side by side with DuckDB's own `COPY … FROM` of the
 * same file into an ohlcv-shaped table with the same primary key (ticker, interval, ts) — the practical limit. Then a
 * re-import of the CSV into the filled store (every row compared, nothing changes). The files are
 * generated once with DuckDB into .cache/bench-import (kept between runs).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Database, DuckStore } from "../src/index.js";
import { importFiles } from "../src/data/import/import-files.js";
import { printTable, progress, timeIt } from "./report.js";

const TICKERS = Number(process.env.BENCH_IMPORT_TICKERS ?? 1000);
const BARS = Number(process.env.BENCH_IMPORT_BARS ?? 10_000);
const CACHE = join(process.cwd(), ".cache", "bench-import");

/** An ohlcv-shaped table with ohlcv's primary key (ticker, interval, ts): what COPY loads into. */
const KEYED_TABLE = `CREATE TABLE bars (ticker VARCHAR NOT NULL, interval VARCHAR NOT NULL DEFAULT '1d', ts TIMESTAMP NOT NULL,
  open DOUBLE NOT NULL, high DOUBLE NOT NULL, low DOUBLE NOT NULL, close DOUBLE NOT NULL, adj_close DOUBLE NOT NULL, volume DOUBLE NOT NULL,
  recorded_at TIMESTAMP NOT NULL DEFAULT TIMESTAMP '2026-01-01', PRIMARY KEY (ticker, interval, ts))`;

/** The file's columns in order (date, ticker, …), as the table names them. */
const COPY_COLUMNS = "(ts, ticker, open, high, low, close, adj_close, volume)";

/** Writes the long CSV and the Parquet file of the same bars, once. */
async function generate(): Promise<{ csv: string; parquet: string }> {
  mkdirSync(CACHE, { recursive: true });
  const csv = join(CACHE, `bars-${TICKERS}x${BARS}.csv`);
  const parquet = join(CACHE, `bars-${TICKERS}x${BARS}.parquet`);
  if (existsSync(csv) && existsSync(parquet)) return { csv, parquet };
  progress(`generating ${(TICKERS * BARS).toLocaleString()} bars into ${CACHE}`);
  const db = await Database.open(":memory:");
  const c = db.connection;
  // a deterministic wiggle per ticker; high/low bracket open and close so every bar is valid
  await c.run(`CREATE TABLE gen AS SELECT (DATE '1990-01-01' + i::INTEGER) AS date, 'T' || lpad(k::VARCHAR, 4, '0') AS ticker,
      (100 + k % 50 + 10 * sin(i / 37.0 + k)) AS open, (100 + k % 50 + 10 * sin((i + 1) / 37.0 + k)) AS close, 1e6 + (i * 7919 + k) % 100000 AS volume
    FROM range(${TICKERS}) t(k), range(${BARS}) d(i)`);
  const select = `SELECT date, ticker, round(open, 4) AS open, round(greatest(open, close) * 1.01, 4) AS high, round(least(open, close) * 0.99, 4) AS low,
    round(close, 4) AS close, round(close, 4) AS adj_close, volume FROM gen ORDER BY ticker, date`;
  await c.run(`COPY (${select}) TO '${csv}' (HEADER)`);
  await c.run(`COPY (${select}) TO '${parquet}' (FORMAT parquet)`);
  db.close();
  return { csv, parquet };
}

async function countRows(db: Database, table: string): Promise<number> {
  return Number((await db.connection.runAndReadAll(`SELECT count(*) AS n FROM ${table}`)).getRowObjects()[0].n);
}

/** DuckDB's COPY of `file` into a fresh keyed table: ms. */
async function copyInto(dir: string, file: string, name: string): Promise<number> {
  const db = await Database.open(join(dir, `copy-${name}.duckdb`));
  await db.connection.run(KEYED_TABLE);
  const ms = await timeIt(() => db.connection.run(`COPY bars ${COPY_COLUMNS} FROM '${file}'${name === "csv" ? " (HEADER)" : " (FORMAT parquet)"}`));
  const n = await countRows(db, "bars");
  db.close();
  if (n !== TICKERS * BARS) throw new Error(`COPY loaded ${n} rows, expected ${TICKERS * BARS}`);
  return ms;
}

/** importFiles of `file` into a fresh store: ms (and the store, for a re-import). */
async function importInto(dir: string, file: string, name: string): Promise<{ ms: number; db: Database; store: DuckStore }> {
  const db = await Database.open(join(dir, `import-${name}.duckdb`));
  const store = new DuckStore(db);
  const ms = await timeIt(async () => {
    const r = await importFiles(store, { input: file });
    if (r.totals.inserted !== TICKERS * BARS) throw new Error(`the import inserted ${r.totals.inserted} bars, expected ${TICKERS * BARS}`);
  });
  return { ms, db, store };
}

export async function benchImport(): Promise<void> {
  const rows = TICKERS * BARS;
  const { csv, parquet } = await generate();
  const dir = mkdtempSync(join(tmpdir(), "oq-bench-import-"));
  try {
    const table = [];
    for (const [name, file] of [
      ["csv", csv],
      ["parquet", parquet],
    ] as const) {
      progress(`DuckDB COPY FROM ${name}`);
      const copyMs = await copyInto(dir, file, name);
      progress(`oq.importFiles of the ${name} file`);
      const imported = await importInto(dir, file, name);
      table.push({ source: name, method: "DuckDB COPY FROM (baseline)", seconds: copyMs / 1000, "rows/s": rows / (copyMs / 1000), ratio: 1 });
      table.push({ source: name, method: "OpenQuant importFiles", seconds: imported.ms / 1000, "rows/s": rows / (imported.ms / 1000), ratio: copyMs / imported.ms });
      if (name === "csv") {
        progress("re-import of the same csv (nothing changes)");
        const again = await timeIt(async () => {
          const r = await importFiles(imported.store, { input: file });
          if (r.totals.inserted + r.totals.updated !== 0) throw new Error("the re-import changed bars");
        });
        table.push({ source: name, method: "re-import into the filled store (no change)", seconds: again / 1000, "rows/s": rows / (again / 1000), ratio: copyMs / again });
      }
      imported.db.close();
    }
    printTable(`Import of ${rows.toLocaleString()} bars (${TICKERS} tickers × ${BARS}) into a keyed table (ratio: rate vs COPY of the same file)`, table);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
