/**
 * The sample500 tickers through the sample provider and the ordinary ingestion code, into a real
 * DuckDB file: every bar accepted by the store's validation. A tenth of the universe is loaded here
 * (the whole of it takes about a minute through today's one-ticker-per-transaction writeBars; the
 * bulk import path is the one meant to bring it well under that).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { NotFound } from "../../../../errors.js";
import { ingest } from "../../../ingest.js";
import { Database } from "../../../store/database.js";
import { DuckStore } from "../../../store/duck-store.js";
import { formatIsoDate, parseIsoDate } from "../../dates.js";
import { SampleProvider } from "../sample-provider.js";
import { SAMPLE_UNIVERSE } from "../universe.js";
import { sample500Market } from "./market-cache.js";
import { sample500Tickers } from "./tickers.js";

const universe = sample500Tickers();
const provider = new SampleProvider();
const ipo = universe.find((t) => t.listed > "2010-01-01")!;
const gone = universe.find((t) => t.delisted !== undefined)!;

describe("sample500 through the sample provider", () => {
  it("serves a sample500 ticker's whole series from 2005 (the start setting shapes the ten only)", async () => {
    const [first] = universe;
    const frame = await new SampleProvider({ start: "2015-06-01" }).fetch({ ticker: first.ticker, interval: "1d" });
    expect(formatIsoDate(frame.ts[0])).toBe(first.listed);
    const cached = sample500Market(42).frames[0];
    expect(Array.from(frame.close)).toEqual(Array.from(cached.close));
    expect(frame.skipped).toEqual([]);
  });

  it("starts an IPO's series at its listing and ends a delisted one at its delisting", async () => {
    const a = await provider.fetch({ ticker: ipo.ticker, interval: "1d" });
    expect(formatIsoDate(a.ts[0])).toBe(ipo.listed);
    const b = await provider.fetch({ ticker: gone.ticker, interval: "1d" });
    expect(formatIsoDate(b.ts[b.ts.length - 1])).toBe(gone.delisted);
    const after = await provider.fetch({ ticker: gone.ticker, interval: "1d", start: parseIsoDate(gone.delisted!) + 86_400_000 });
    expect(after.ts.length).toBe(0);
  });

  it("keeps listTickers() to the ten original tickers (what `up` loads) and honours a tickers setting naming sample500 ones", async () => {
    expect(provider.listTickers()).toEqual(SAMPLE_UNIVERSE.map((s) => s.ticker));
    const restricted = new SampleProvider({ tickers: ["MKT.SAMPLE", universe[3].ticker] });
    expect((await restricted.fetch({ ticker: universe[3].ticker, interval: "1d" })).ts.length).toBeGreaterThan(1000);
    const refused = await restricted.fetch({ ticker: universe[4].ticker, interval: "1d" }).catch((e) => e);
    expect(refused).toBeInstanceOf(NotFound);
    expect(refused.message).toContain(`MKT.SAMPLE, ${universe[3].ticker}.`);
    await expect(provider.fetch({ ticker: "NOPE.SAMPLE", interval: "1d" })).rejects.toThrow(/sample500/);
  });
});

describe("sample500 into DuckDB with the ordinary ingestion", () => {
  let db: Database | undefined;
  afterAll(() => db?.close());

  it("ingests a tenth of the tickers (delisted ones among them), every bar accepted, each over its listing", async () => {
    db = await Database.open(join(mkdtempSync(join(tmpdir(), "oq-sample500-")), "s.duckdb"));
    const store = new DuckStore(db);
    const tenth = universe.filter((_, i) => i % 10 === 7 || i % 10 === 3).slice(0, 50);
    const started = performance.now();
    const result = await ingest(
      { tickers: tenth.map((t) => t.ticker), provider: "sample" },
      { store, provider: () => provider, defaultProvider: "sample", concurrency: 2, overlapBars: 5 },
    );
    const seconds = (performance.now() - started) / 1000;
    const rate = result.totals.inserted / seconds;
    console.log(
      `sample500 ingest: ${result.totals.inserted.toLocaleString("en-US")} bars of ${tenth.length} tickers in ${seconds.toFixed(1)} s ` +
        `(${Math.round(rate).toLocaleString("en-US")} bars/s; all 500 would take ~${Math.round(2.3e6 / rate)} s)`,
    );
    expect(result.status).toBe("ok");
    expect(result.totals.rejected).toBe(0);
    const bars = new Map(sample500Market(42).frames.map((f) => [f.ticker, f.ts.length]));
    for (const t of tenth) {
      const info = await store.tickerInfo(t.ticker, "1d");
      expect(info?.rows, t.ticker).toBe(bars.get(t.ticker));
      expect(info?.firstBar?.slice(0, 10), t.ticker).toBe(t.listed);
      expect(info?.lastBar?.slice(0, 10), t.ticker).toBe(t.delisted ?? "2025-12-31");
    }
    expect(tenth.filter((t) => t.delisted).length).toBeGreaterThan(5);
  }, 120_000);
});
