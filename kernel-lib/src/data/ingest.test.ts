import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { dataSourcesSchema } from "../config/schema.js";
import { type IngestProgress, ingest } from "./ingest.js";
import type { MarketDataProvider } from "./providers/provider.js";
import { createProvider } from "./providers/registry.js";
import { Database } from "./store/database.js";
import { DuckStore } from "./store/duck-store.js";

describe("ingest (real sample provider, real DuckDB)", () => {
  const dbs: Database[] = [];
  afterEach(() => {
    for (const d of dbs.splice(0)) d.close();
  });
  const settings = dataSourcesSchema.parse({});

  async function context(wrap?: (p: MarketDataProvider) => MarketDataProvider) {
    const db = await Database.open(join(mkdtempSync(join(tmpdir(), "oq-ingest-")), "i.duckdb"));
    dbs.push(db);
    const store = new DuckStore(db);
    return {
      store,
      db,
      ctx: {
        store,
        provider: (name: "sample" | "csv" | "yahoo", o: { file?: string }) => {
          const p = createProvider(name, { settings, file: o.file });
          return wrap ? wrap(p) : p;
        },
        defaultProvider: "sample" as const,
        concurrency: 2,
        overlapBars: 5,
        recordIngestionRun: (r: Parameters<DuckStore["recordIngestionRun"]>[0], t: string) => store.recordIngestionRun(r, t),
      },
    };
  }

  it("stores every bar, then a re-run on an up-to-date store fetches only the overlap and changes nothing", async () => {
    const { store, ctx } = await context();
    const first = await ingest({ tickers: ["ACME.SAMPLE", "BANK.SAMPLE"], start: "2020-01-01" }, ctx);
    expect(first.status).toBe("ok");
    const acme = first.tickers.find((t) => t.ticker === "ACME.SAMPLE");
    expect(acme?.inserted).toBeGreaterThan(1000);
    expect(acme?.inserted).toBe(acme?.fetched);
    const before = await store.tickerInfo("ACME.SAMPLE", "1d");

    const again = await ingest({ tickers: ["ACME.SAMPLE", "BANK.SAMPLE"], start: "2020-01-01" }, ctx);
    for (const t of again.tickers) {
      expect(t).toMatchObject({ status: "ok", fetched: 6, inserted: 0, updated: 0, unchanged: 6 });
    }
    const after = await store.tickerInfo("ACME.SAMPLE", "1d");
    expect(after?.rows).toBe(before?.rows);
    expect(after?.dataVersion).toBe(before?.dataVersion);
    expect(await store.ingestionRuns()).toHaveLength(2);
  });

  it("continues from the last stored bar, filling only what is new", async () => {
    const { store, ctx } = await context();
    await ingest({ tickers: ["ACME.SAMPLE"], start: "2020-01-01", end: "2020-06-30" }, ctx);
    const rowsBefore = (await store.tickerInfo("ACME.SAMPLE", "1d"))?.rows ?? 0;
    const more = await ingest({ tickers: ["ACME.SAMPLE"], end: "2020-12-31" }, ctx);
    const t = more.tickers[0];
    expect(t.unchanged).toBe(6); // the overlap window re-checked
    const full = await store.readBars({ ticker: "ACME.SAMPLE" });
    expect(full.ts.length).toBe(rowsBefore + t.inserted);
    const direct = await createProvider("sample", { settings }).fetch({
      ticker: "ACME.SAMPLE",
      interval: "1d",
      start: Date.UTC(2020, 0, 1),
      end: Date.UTC(2020, 11, 31),
    });
    expect(Array.from(full.close)).toEqual(Array.from(direct.close));
  });

  it("isolates a failing ticker, reports progress once per ticker, and respects the concurrency limit", async () => {
    let active = 0;
    let peak = 0;
    const { ctx } = await context((p) => ({
      name: p.name,
      fetch: async (req, signal) => {
        active++;
        peak = Math.max(peak, active);
        try {
          await new Promise((r) => setTimeout(r, 20));
          return await p.fetch(req, signal);
        } finally {
          active--;
        }
      },
    }));
    const events: IngestProgress[] = [];
    const tickers = ["ACME.SAMPLE", "NOPE.SAMPLE", "BANK.SAMPLE", "NOVA.SAMPLE", "VOLT.SAMPLE"];
    const result = await ingest({ tickers, start: "2024-01-01" }, { ...ctx, onProgress: (e) => events.push(e) });
    expect(result.status).toBe("partial");
    const nope = result.tickers.find((t) => t.ticker === "NOPE.SAMPLE");
    expect(nope).toMatchObject({ status: "failed", inserted: 0, error: { code: "NOT_FOUND" } });
    expect(result.tickers.filter((t) => t.status === "ok")).toHaveLength(4);
    expect(events.map((e) => e.done)).toEqual([1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
  });

  it("stores nothing from a malformed file and says which line is wrong", async () => {
    const { store, ctx } = await context();
    const file = join(mkdtempSync(join(tmpdir(), "oq-csv-")), "bad.csv");
    writeFileSync(file, "date,open,high,low,close,volume\n2024-01-02,10,11,9,10.5,100\n2024-01-03,10,eleven,9,10.5,100\n");
    const r = await ingest({ tickers: ["MINE"], provider: "csv", file }, ctx);
    expect(r.tickers[0].status).toBe("failed");
    expect(r.tickers[0].error?.message).toMatch(/line 3/);
    expect(await store.tickerInfo("MINE", "1d")).toBeUndefined();
  });

  it("refuses bad requests before fetching anything", async () => {
    const { ctx } = await context();
    await expect(ingest({ tickers: [] }, ctx)).rejects.toThrow(/at least one ticker/);
    await expect(ingest({ tickers: ["ACME.SAMPLE"], start: "2024-02-01", end: "2024-01-01" }, ctx)).rejects.toThrow(/start must not be after end/);
    await expect(ingest({ tickers: ["ACME.SAMPLE"], interval: "7d" as never }, ctx)).rejects.toThrow(/interval/);
    await expect(ingest({ tickers: ["ACME.SAMPLE"], provider: "bloomberg" as never }, ctx)).rejects.toThrow(/provider/);
    await expect(ingest({ tickers: ["ACME.SAMPLE"], start: "2024-13-45" }, ctx)).rejects.toThrow(/is not a date/);
  });
});
