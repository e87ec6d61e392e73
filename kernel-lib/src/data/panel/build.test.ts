import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FeatureEngine } from "../../features/engine.js";
import { FeatureRegistry } from "../../features/registry.js";
import { type Bar, frameFromBars } from "../frame.js";
import { Database } from "../store/database.js";
import { DuckStore } from "../store/duck-store.js";
import { buildPanel } from "./build.js";
import { panelValue } from "./panel.js";

const DAY = 86_400_000;
const T0 = Date.UTC(2021, 0, 1);
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/** 120 daily bars from 2021-01-01 with a wavy close, 50 higher in February, so what a window spans shows. */
function frame(ticker: string, phase: number) {
  const rows: Bar[] = Array.from({ length: 120 }, (_, i) => {
    const c = 100 + 10 * Math.sin(i / 5 + phase) + i * 0.1 + (i >= 31 && i < 59 ? 50 : 0);
    return { ts: T0 + i * DAY, open: c, high: c + 1, low: c - 1, close: c, adjClose: c, volume: 1000 + i };
  });
  return frameFromBars(ticker, "1d", rows);
}

describe("panels", () => {
  const dbs: Database[] = [];
  afterEach(() => {
    for (const db of dbs.splice(0)) db.close();
  });
  const setup = async () => {
    const db = await Database.open(join(mkdtempSync(join(tmpdir(), "oq-panel-")), "t.duckdb"));
    dbs.push(db);
    const store = new DuckStore(db);
    const engine = new FeatureEngine({ store, registry: new FeatureRegistry(), ttlSeconds: 60, sets: {} });
    await store.writeBars(frame("AAA", 0), "test");
    await store.writeBars(frame("BBB", 1), "test");
    // AAA leaves at the end of January and comes back in March; CCC has no bars at all
    await store.defineUniverse("u", {
      kind: "list",
      tickers: [
        { ticker: "AAA", from: "2021-01-01", to: "2021-01-31" },
        { ticker: "AAA", from: "2021-03-01" },
        { ticker: "BBB", from: "2021-02-01", to: "2021-03-15" },
        "CCC",
      ],
    });
    return { store, engine };
  };
  const sma10 = [{ name: "sma", params: { period: 10 } }];

  it("aligns members on one dates × tickers grid, masked by membership", async () => {
    const deps = await setup();
    const p = await buildPanel(deps, "u", { fields: ["close"], featureSet: sma10, start: "2021-01-15", end: "2021-04-10" });
    expect(p.tickers).toEqual(["AAA", "BBB", "CCC"]);
    expect(p.fields).toEqual(["close", "sma_10"]);
    expect(p.missing).toEqual(["CCC"]);
    // every day from Jan 15 to Apr 10 has a member with a bar
    expect(p.dates.length).toBe((day("2021-04-10") - day("2021-01-15")) / DAY + 1);
    expect(p.columns.close.length).toBe(p.dates.length * 3);
    const d = (iso: string) => p.dates.indexOf(day(iso));
    const [A, B, C] = [0, 1, 2];
    // row-major by date: index d * tickers.length + t
    expect(p.mask[d("2021-02-10") * 3 + A]).toBe(0);
    expect(p.mask[d("2021-02-10") * 3 + B]).toBe(1);
    expect(p.mask[d("2021-03-20") * 3 + B]).toBe(0);
    expect([...p.mask].filter((_, i) => i % 3 === C)).toEqual(new Array(p.dates.length).fill(0));
    const bars = frame("AAA", 0);
    const i = (day("2021-03-05") - T0) / DAY;
    expect(panelValue(p, "close", d("2021-03-05"), A)).toBe(bars.close[i]);
    expect(panelValue(p, "close", d("2021-02-10"), A)).toBeNaN();
    expect(panelValue(p, "sma_10", d("2021-02-10"), A)).toBeNaN();
    // masked cells and value cells agree everywhere
    for (let k = 0; k < p.mask.length; k++) expect(Number.isNaN(p.columns.close[k])).toBe(p.mask[k] === 0);
  });

  it("computes each membership spell with its own warm-up, never splicing the bars around a gap", async () => {
    const deps = await setup();
    const p = await buildPanel(deps, "u", { featureSet: sma10, start: "2021-03-01", end: "2021-04-10" });
    const A = p.tickers.indexOf("AAA");
    // the second spell alone, with warm-up from the bars before its start (February's, while AAA was out)
    const alone = await deps.engine.computeOne("AAA", sma10, { start: "2021-03-01", end: "2021-04-10" });
    const first = p.dates.indexOf(day("2021-03-01"));
    expect(panelValue(p, "sma_10", first, A)).not.toBeNaN();
    for (let k = 0; k < alone.ts.length; k++) {
      expect(panelValue(p, "sma_10", p.dates.indexOf(alone.ts[k]), A)).toBeCloseTo(alone.columns.sma_10[k], 12);
    }
    // what splicing the member-only bars would give (Jan 27–31 + Mar 1–5 averaged as if adjacent): not that
    const close = frame("AAA", 0).close;
    const at = (iso: string) => (day(iso) - T0) / DAY;
    const spliced = [...close.slice(at("2021-01-27"), at("2021-01-31") + 1), ...close.slice(at("2021-03-01"), at("2021-03-05") + 1)].reduce((a, b) => a + b) / 10;
    const value = panelValue(p, "sma_10", p.dates.indexOf(day("2021-03-05")), A);
    expect(Math.abs(value - spliced)).toBeGreaterThan(10);
    const honest = close.slice(at("2021-02-24"), at("2021-03-05") + 1).reduce((a, b) => a + b) / 10;
    expect(value).toBeCloseTo(honest, 10);
  });

  it("reads the bars and the membership as of a past time", async () => {
    const deps = await setup();
    const before = Date.now();
    await new Promise((r) => setTimeout(r, 5));
    // a revised bar and a new universe version after `before`
    const revised = frame("BBB", 1);
    const k = (day("2021-02-10") - T0) / DAY;
    revised.close[k] = 1;
    revised.low[k] = 0.5;
    revised.open[k] = 1;
    revised.high[k] = 2;
    revised.adjClose[k] = 1;
    await deps.store.writeBars(revised, "test");
    await deps.store.defineUniverse("u", { kind: "list", tickers: ["BBB"] });
    const now = await buildPanel(deps, "u", { start: "2021-02-10", end: "2021-02-10" });
    expect(now.version).toBe(2);
    expect(now.tickers).toEqual(["BBB"]);
    expect(now.columns.close[0]).toBe(1);
    const then = await buildPanel(deps, "u", { start: "2021-02-10", end: "2021-02-10", asOf: before });
    expect(then.version).toBe(1);
    expect(then.tickers).toEqual(["BBB", "CCC"]);
    expect(then.columns.close[0]).toBe(frame("BBB", 1).close[k]);
  });

  it("refuses bad options and unknown universes", async () => {
    const deps = await setup();
    await expect(buildPanel(deps, "nope", {})).rejects.toThrow(/No universe 'nope'.*Known universes: u/);
    await expect(buildPanel(deps, "u", { fields: ["price" as never] })).rejects.toThrow(/fields\.0/);
    await expect(buildPanel(deps, "u", { fields: [] })).rejects.toThrow(/no columns/);
    await expect(buildPanel(deps, "u", { start: "2021-05-01", end: "2021-01-01" })).rejects.toThrow(/start must not be after end/);
  });
});
