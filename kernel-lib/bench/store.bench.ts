/**
 * Store benchmark (issue: market data). Bulk upsert throughput of 10 million bars through
 * DuckStore (appender → staging → one transaction per ticker batch), side by side with DuckDB's own
 * `COPY … FROM` of the same rows from a CSV file into the same keyed table (the practical limit);
 * then the cost of a no-op incremental re-run of 500 tickers.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { allocFrame, type BarFrame, Database, DuckStore, ingest, type MarketDataProvider } from "../src/index.js";
import { printTable, progress, timeIt } from "./report.js";

const TICKERS = Number(process.env.BENCH_STORE_TICKERS ?? 1000);
const BARS = Number(process.env.BENCH_STORE_BARS ?? 10_000);
const DAY = 86_400_000;

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
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
