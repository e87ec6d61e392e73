/**
 * Store benchmark (issue: market data). Bulk upsert throughput of 10 million bars through
 * DuckStore (appender → staging → one transaction per ticker batch), side by side with DuckDB's own
 * `COPY … FROM` of the same rows from a CSV file into the same keyed table (the practical limit);
 * then the cost of a no-op incremental re-run of 500 tickers; then read latency: current reads on the
 * layout before bar revisions were kept (the migration-3 `ohlcv` table and its query, rebuilt here)
 * side by side with today's (`ohlcv` + `ohlcv_revisions`), and as-of reads over revised bars.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { allocFrame, type BarFrame, Database, DuckStore, ingest, type MarketDataProvider } from "../src/index.js";
import { printTable, progress, timeIt } from "./report.js";

const TICKERS = Number(process.env.BENCH_STORE_TICKERS ?? 1000);
const BARS = Number(process.env.BENCH_STORE_BARS ?? 10_000);
const DAY = 86_400_000;
/** Read samples per layout and query shape (interleaved, so load on the machine hits all alike). */
const READS = Number(process.env.BENCH_STORE_READS ?? 300);

/** The pre-revisions table (migration 1's ohlcv). */
const OLD_OHLCV = `CREATE TABLE ohlcv (
  ticker VARCHAR NOT NULL, interval VARCHAR NOT NULL, ts TIMESTAMP NOT NULL,
  open DOUBLE NOT NULL, high DOUBLE NOT NULL, low DOUBLE NOT NULL, close DOUBLE NOT NULL,
  adj_close DOUBLE NOT NULL, volume DOUBLE NOT NULL, PRIMARY KEY (ticker, interval, ts))`;

/** DuckStore.readBars as it was before revisions: the same query and frame filling. */
async function oldReadBars(conn: DuckDBConnection, ticker: string, start: number, end: number): Promise<BarFrame> {
  const reader = await conn.runAndReadAll(
    `SELECT epoch_ms(ts)::DOUBLE, open, high, low, close, adj_close, volume FROM ohlcv
     WHERE ticker = $1 AND interval = $2 AND ts >= make_timestamp($3::BIGINT * 1000) AND ts <= make_timestamp($4::BIGINT * 1000)
     ORDER BY ts`,
    [ticker, "1d", start, end],
  );
  const frame = allocFrame(ticker, "1d", reader.currentRowCount);
  const columns = reader.getColumns() as number[][];
  for (const [k, c] of (["ts", "open", "high", "low", "close", "adjClose", "volume"] as const).entries()) frame[c].set(columns[k]);
  return frame;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Median, p95 and mean of samples in ms. */
function latency(samples: number[]): { "median ms": number; "p95 ms": number; "mean ms": number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { "median ms": quantile(sorted, 0.5), "p95 ms": quantile(sorted, 0.95), "mean ms": samples.reduce((a, b) => a + b, 0) / samples.length };
}

/**
 * Read latency before and after revisions were kept: the same bars in a migration-3 table and in
 * today's store, read one ticker at a time (full history and one year); then as-of reads after 1%
 * of the bars of every tenth ticker were revised.
 */
async function benchReads(dir: string, csv: string, store: DuckStore, frames: BarFrame[]): Promise<void> {
  progress("read latency: building the pre-revisions table from the same bars");
  const oldInstance = await DuckDBInstance.create(join(dir, "old-layout.duckdb"));
  const old = await oldInstance.connect();
  await old.run(OLD_OHLCV);
  await old.run(`INSERT INTO ohlcv SELECT ticker, interval, ts, open, high, low, close, adj_close, volume FROM read_csv('${csv}', header = true) ORDER BY ticker, ts`);

  const beforeRevisions = Date.now();
  progress("revising 1% of the bars of every tenth ticker");
  for (let k = 0; k < frames.length; k += 10) {
    const f = frames[k];
    const revised = { ...f, close: Float64Array.from(f.close), adjClose: Float64Array.from(f.adjClose), high: Float64Array.from(f.high) };
    for (let i = 0; i < f.ts.length; i += 100) {
      revised.close[i] *= 1.001;
      revised.adjClose[i] *= 1.001;
      revised.high[i] = Math.max(revised.high[i], revised.close[i]);
    }
    await store.writeBars(revised, "bench");
  }

  const n = frames[0].ts.length;
  const yearStart = frames[0].ts[Math.max(0, n - 252)];
  const last = frames[0].ts[n - 1];
  const shapes = [
    { shape: `full history (${n.toLocaleString()} bars)`, start: frames[0].ts[0], end: last },
    { shape: "last year (252 bars)", start: yearStart, end: last },
  ];
  const rows = [];
  for (const { shape, start, end } of shapes) {
    progress(`read latency: ${shape}`);
    const samples: Record<string, number[]> = { old: [], current: [], asOf: [] };
    for (let r = 0; r < READS; r++) {
      // revised tickers only (every tenth), so the as-of read has history to look through
      const ticker = frames[(r * 10) % frames.length].ticker;
      samples.old.push(await timeIt(() => oldReadBars(old, ticker, start, end)));
      samples.current.push(await timeIt(() => store.readBars({ ticker, start, end })));
      samples.asOf.push(await timeIt(() => store.readBars({ ticker, start, end, asOf: beforeRevisions })));
    }
    const oldLatency = latency(samples.old);
    rows.push({ read: shape, layout: "before revisions (migration 3 ohlcv)", ...oldLatency, ratio: 1 });
    const current = latency(samples.current);
    rows.push({ read: shape, layout: "current read (ohlcv + revisions table)", ...current, ratio: current["median ms"] / oldLatency["median ms"] });
    const asOf = latency(samples.asOf);
    rows.push({ read: shape, layout: "as-of read before the revisions", ...asOf, ratio: asOf["median ms"] / oldLatency["median ms"] });
  }
  printTable(`Read latency of one ticker, ${READS} reads each (ratio: median vs the pre-revisions layout)`, rows);
  old.closeSync();
  oldInstance.closeSync();
}

function syntheticFrame(ticker: string, n: number, seed: number): BarFrame {
  const f = allocFrame(ticker, "1d", n);
  let price = 100 + (seed % 50);
  let s = seed * 2654435761;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const r = (s / 2147483648 - 0.5) * 0.04;
    const open = price;
    price = Math.max(1, price * (1 + r));
    f.ts[i] = Date.UTC(1990, 0, 1) + i * DAY;
    f.open[i] = open;
    f.close[i] = price;
    f.adjClose[i] = price;
    f.high[i] = Math.max(open, price) * 1.01;
    f.low[i] = Math.min(open, price) * 0.99;
    f.volume[i] = 1e6 + (s % 100000);
  }
  return f;
}

export async function benchStore(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "oq-bench-store-"));
  const rows = TICKERS * BARS;
  try {
    progress(`generating ${rows.toLocaleString()} bars (${TICKERS} tickers × ${BARS})`);
    const frames = Array.from({ length: TICKERS }, (_, k) => syntheticFrame(`B${String(k).padStart(4, "0")}`, BARS, k + 1));

    const db = await Database.open(join(dir, "upsert.duckdb"));
    const store = new DuckStore(db);
    progress("DuckStore upsert");
    const upsertMs = await timeIt(async () => {
      for (const f of frames) await store.writeBars(f, "bench");
    });
    const csv = join(dir, "bars.csv");
    await db.connection.run(`COPY (SELECT * FROM ohlcv ORDER BY ticker, ts) TO '${csv}' (HEADER)`);

    progress("DuckDB COPY FROM csv");
    const copyDb = await Database.open(join(dir, "copy.duckdb"));
    const copyMs = await timeIt(() => copyDb.connection.run(`COPY ohlcv FROM '${csv}' (HEADER)`));
    const copied = Number((await copyDb.connection.runAndReadAll("SELECT count(*) AS n FROM ohlcv")).getRowObjects()[0].n);
    copyDb.close();
    if (copied !== rows) throw new Error(`COPY loaded ${copied} rows, expected ${rows}`);

    printTable(`Bulk upsert of ${rows.toLocaleString()} bars into the keyed ohlcv table`, [
      { method: "DuckDB COPY FROM csv (baseline)", seconds: copyMs / 1000, "rows/s": rows / (copyMs / 1000), ratio: 1 },
      { method: "OpenQuant DuckStore.writeBars", seconds: upsertMs / 1000, "rows/s": rows / (upsertMs / 1000), ratio: copyMs / upsertMs },
    ]);

    progress("no-op incremental re-run of 500 tickers");
    const names = frames.slice(0, 500).map((f) => f.ticker); // 500 unless BENCH_STORE_TICKERS is smaller
    const byName = new Map(frames.map((f) => [f.ticker, f]));
    // Serves the stored series back, as a provider would: the re-run must find nothing new.
    const replay: MarketDataProvider = {
      name: "sample",
      fetch: async (req) => {
        const f = byName.get(req.ticker) as BarFrame;
        const from = f.ts.findIndex((t) => t >= (req.start ?? 0));
        const sub = allocFrame(f.ticker, f.interval, f.ts.length - from);
        for (const c of ["ts", "open", "high", "low", "close", "adjClose", "volume"] as const) sub[c].set(f[c].subarray(from));
        return Object.assign(sub, { skipped: [] });
      },
    };
    const ctx = { store, provider: () => replay, defaultProvider: "sample" as const, concurrency: 4, overlapBars: 5 };
    let changed = -1;
    const noopMs = await timeIt(async () => {
      const r = await ingest({ tickers: names }, ctx);
      changed = r.totals.inserted + r.totals.updated;
    });
    if (changed !== 0) throw new Error(`the no-op re-run changed ${changed} bars`);
    printTable("No-op incremental re-run (5-bar overlap re-checked per ticker)", [
      { tickers: names.length, "total ms": noopMs, "ms per ticker": noopMs / names.length },
    ]);
    await benchReads(dir, csv, store, frames);
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
