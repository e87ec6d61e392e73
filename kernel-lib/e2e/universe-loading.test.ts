/**
 * Universes filled by other work, against a real DuckDB file: `oq.ingest({ universe: "sample500" })`
 * loads the 500-ticker sample market offline and records it point in time with sectors, and an
 * import's `universe` option records each imported ticker over its bar range.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadSettings } from "../src/config/load.js";
import { NotFound } from "../src/errors.js";
import { type OpenQuant, openQuant } from "../src/openquant.js";
import { SAMPLE500_SECTORS, SAMPLE500_UNIVERSE } from "../src/data/providers/sample/market500/index.js";

async function platform(): Promise<OpenQuant> {
  const dir = mkdtempSync(join(tmpdir(), "oq-universe-load-"));
  const settings = loadSettings({
    home: inject("home"),
    env: { OPENQUANT_DATA_DIR: join(dir, "data"), OPENQUANT_LOG_DIR: join(dir, "logs"), OPENQUANT_LOG_LEVEL: "error", MLFLOW_TRACKING_URI: inject("mlflowUrl") },
  });
  return openQuant({ settings, mode: "embedded", component: "test" });
}

describe("the sample500 universe, ingested on demand", () => {
  let oq: OpenQuant;
  let seconds: number;
  beforeAll(async () => {
    oq = await platform();
    const started = performance.now();
    const result = await oq.ingest({ universe: "sample500" });
    seconds = (performance.now() - started) / 1000;
    console.log(`sample500: ${result.totals.inserted.toLocaleString("en-US")} bars of ${result.tickers.length} tickers ingested in ${seconds.toFixed(1)} s`);
    expect(result.status).toBe("ok");
  }, 300_000);
  afterAll(async () => oq?.close());

  it("stores every bar of all 500 tickers, offline", async () => {
    const stored = await oq.tickers();
    expect(stored).toHaveLength(500);
    expect(stored.every((t) => t.ticker.endsWith(".SAMPLE") && t.provider === "sample")).toBe(true);
    expect(stored.reduce((n, t) => n + t.rows, 0)).toBeGreaterThan(2_000_000);
  });

  it("records each ticker from its listing to its delisting (no survivorship bias), with its sector", async () => {
    const universe = await oq.universes.get("sample500");
    expect(universe.kind).toBe("list");
    expect(universe.memberships).toHaveLength(500);
    const byTicker = new Map(universe.memberships.map((m) => [m.ticker, m]));
    const delisted = SAMPLE500_UNIVERSE.filter((t) => t.delisted);
    expect(delisted.length).toBeGreaterThanOrEqual(40);
    for (const t of SAMPLE500_UNIVERSE) expect(byTicker.get(t.ticker)).toEqual({ ticker: t.ticker, from: t.listed, to: t.delisted ?? null });
    // stored bars span exactly the membership
    const info = new Map((await oq.tickers()).map((t) => [t.ticker, t]));
    for (const t of delisted.slice(0, 10)) {
      expect(info.get(t.ticker)?.firstBar?.slice(0, 10)).toBe(t.listed);
      expect(info.get(t.ticker)?.lastBar?.slice(0, 10)).toBe(t.delisted);
    }
    const sectors = await oq.tickerAttributes();
    expect(sectors).toHaveLength(500);
    expect(new Set(sectors.map((s) => s.sector))).toEqual(new Set(SAMPLE500_SECTORS));
  });

  it("answers point-in-time members and a masked panel", async () => {
    const date = "2015-06-15";
    const expected = SAMPLE500_UNIVERSE.filter((t) => t.listed <= date && (!t.delisted || t.delisted >= date))
      .map((t) => t.ticker)
      .sort();
    expect((await oq.universes.members("sample500", date)).sort()).toEqual(expected);
    expect(expected.length).toBeLessThan(500);

    const panel = await oq.panel("sample500", { fields: ["close"], start: "2015-06-01", end: "2015-06-30" });
    const d = [...panel.dates].findIndex((t) => new Date(t).toISOString().startsWith(date));
    expect(d).toBeGreaterThanOrEqual(0);
    const members = new Set(expected);
    for (let t = 0; t < panel.tickers.length; t++) {
      const i = d * panel.tickers.length + t;
      expect(panel.mask[i], panel.tickers[t]).toBe(members.has(panel.tickers[t]) ? 1 : 0);
      expect(Number.isNaN(panel.columns.close[i])).toBe(!members.has(panel.tickers[t]));
    }
  });

  it("re-ingests incrementally without a new universe version", async () => {
    const before = (await oq.universes.get("sample500")).version;
    const again = await oq.ingest({ universe: "sample500" });
    expect(again.totals.inserted).toBe(0);
    expect((await oq.universes.get("sample500")).version).toBe(before);
  }, 300_000);
});

describe("ingesting and importing into universes", () => {
  let oq: OpenQuant;
  beforeAll(async () => {
    oq = await platform();
  });
  afterAll(async () => oq?.close());

  it("ingests the tickers of a stored universe, and names the built-in one for an unknown name", async () => {
    await oq.universes.define("pair", { kind: "list", tickers: ["ACME.SAMPLE", { ticker: "NOVA.SAMPLE", from: "2015-01-02", to: "2016-12-30" }] });
    const result = await oq.ingest({ universe: "pair" }, { start: "2020-01-01", end: "2020-12-31" });
    expect(result.tickers.map((t) => t.ticker).sort()).toEqual(["ACME.SAMPLE", "NOVA.SAMPLE"]);
    const missing = await oq.ingest({ universe: "nowhere" }).catch((e: Error) => e);
    expect(missing).toBeInstanceOf(NotFound);
    expect((missing as Error).message).toMatch(/No universe 'nowhere'.*sample500/);
    await expect(oq.ingest({ universe: "bad name!" })).rejects.toThrow(/universe name/);
  });

  it("records each imported ticker over its bar range, merging with the universe's other members", async () => {
    const dir = mkdtempSync(join(tmpdir(), "oq-universe-import-"));
    const file = (name: string, rows: string[]) => {
      const path = join(dir, name);
      writeFileSync(path, ["date,ticker,open,high,low,close,volume", ...rows].join("\n"));
      return path;
    };
    const first = await oq.importFiles(file("a.csv", ["2024-01-02,AAA,10,11,9,10,100", "2024-01-03,AAA,10,11,9,10.5,100", "2024-01-03,BBB,5,6,4,5,50"]), { universe: "mine" });
    expect(first.universe).toMatchObject({ name: "mine", recorded: true });
    expect((await oq.universes.get("mine")).memberships).toEqual([
      { ticker: "AAA", from: "2024-01-02", to: "2024-01-03" },
      { ticker: "BBB", from: "2024-01-03", to: "2024-01-03" },
    ]);
    await oq.importFiles(file("b.csv", ["2024-01-02,BBB,5,6,4,5,50", "2024-01-04,CCC,1,2,1,1.5,10"]), { universe: "mine" });
    expect((await oq.universes.get("mine")).memberships).toEqual([
      { ticker: "AAA", from: "2024-01-02", to: "2024-01-03" },
      { ticker: "BBB", from: "2024-01-02", to: "2024-01-03" },
      { ticker: "CCC", from: "2024-01-04", to: "2024-01-04" },
    ]);
    // a CSV universe's members come from its CSV: an import does not overwrite them, and writes nothing
    await oq.universes.define("listed", { kind: "csv", csv: "ticker,from,to\nAAA,2024-01-02,\n" });
    await expect(oq.importFiles(file("c.csv", ["2024-01-05,DDD,1,2,1,1.5,10"]), { universe: "listed" })).rejects.toThrow(/defined by a csv/);
    expect((await oq.tickers()).map((t) => t.ticker)).not.toContain("DDD");
  });
});
