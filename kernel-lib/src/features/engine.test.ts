import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataSourcesSchema } from "../config/schema.js";
import { allocFrame, type BarFrame } from "../data/frame.js";
import { createProvider } from "../data/providers/registry.js";
import { Database } from "../data/store/database.js";
import { DuckStore } from "../data/store/duck-store.js";
import type { MarketStore } from "../data/store/types.js";
import { MemoryCache } from "./cache/memory.js";
import { adjustBars, computeOnBars, FeatureEngine } from "./engine.js";
import { resolveFeatureSet } from "./feature-set.js";
import { deserializeFeatureFrame, serializeFeatureFrame } from "./frame.js";
import { FeatureRegistry } from "./registry.js";

const DAY = 86_400_000;

describe("FeatureEngine over real stored bars", () => {
  let db: Database;
  let store: DuckStore;
  let full: BarFrame;
  beforeAll(async () => {
    db = await Database.open(join(mkdtempSync(join(tmpdir(), "oq-feat-")), "f.duckdb"));
    store = new DuckStore(db);
    const sample = createProvider("sample", { settings: dataSourcesSchema.parse({}) });
    for (const t of ["ACME.SAMPLE", "NOVA.SAMPLE"]) await store.writeBars(await sample.fetch({ ticker: t, interval: "1d" }), "sample");
    full = await store.readBars({ ticker: "ACME.SAMPLE" });
  });
  afterAll(() => db.close());

  const engineWith = (s: MarketStore, cache?: MemoryCache) =>
    new FeatureEngine({ store: s, registry: new FeatureRegistry(), cache, ttlSeconds: 60, sets: { default: [{ name: "rsi" }, { name: "macd" }] } });
  const set = [{ name: "sma", params: { period: 20 } }, { name: "rsi" }, { name: "macd" }, { name: "adx" }];

  it("returns only [start, end], with values equal to the kernels over the whole history", async () => {
    const engine = engineWith(store);
    const frame = await engine.computeOne("ACME.SAMPLE", set, { start: "2020-01-01", end: "2020-12-31" });
    const first = full.ts.findIndex((t) => t >= Date.UTC(2020, 0, 1));
    const last = full.ts.findIndex((t) => t > Date.UTC(2020, 11, 31));
    expect(frame.ts.length).toBe(last - first);
    expect(frame.ts[0]).toBe(full.ts[first]);
    const reference = computeOnBars(adjustBars(full), resolveFeatureSet(set, new FeatureRegistry(), {}));
    for (const [name, values] of Object.entries(frame.columns)) {
      expect(Array.from(values), name).toEqual(Array.from(reference[name].subarray(first, last)));
      expect(values.every((v) => Number.isFinite(v)), `${name} is warmed up at the start`).toBe(true);
    }
  });

  it("computes on split-adjusted prices by default, on raw prices when asked", async () => {
    const nova = await store.readBars({ ticker: "NOVA.SAMPLE" });
    const split = nova.ts.indexOf(Date.UTC(2020, 7, 31)); // 4:1 on 2020-08-31
    expect(nova.close[split] / nova.close[split - 1]).toBeLessThan(0.35);
    const range = { start: "2020-08-31", end: "2020-08-31" };
    const adjusted = await engineWith(store).computeOne("NOVA.SAMPLE", [{ name: "returns" }], range);
    const raw = await engineWith(store).computeOne("NOVA.SAMPLE", [{ name: "returns" }], { ...range, adjusted: false });
    expect(raw.columns.returns_1[0]).toBeLessThan(-0.6);
    expect(Math.abs(adjusted.columns.returns_1[0])).toBeLessThan(0.25);
    expect(adjusted.close[0]).toBe(nova.adjClose[split]);
  });

  it("gives a bar the same value whatever start is asked for", async () => {
    const engine = engineWith(store);
    const a = await engine.computeOne("ACME.SAMPLE", set, { start: "2021-06-01", end: "2021-06-30" });
    const b = await engine.computeOne("ACME.SAMPLE", set, { start: "2019-01-01", end: "2021-06-30" });
    const offset = b.ts.indexOf(a.ts[0]);
    for (const name of Object.keys(a.columns)) expect(Array.from(a.columns[name])).toEqual(Array.from(b.columns[name].subarray(offset)));
  });

  it("computes many tickers at once and uses the named default set", async () => {
    const frames = await engineWith(store).compute(["ACME.SAMPLE", "NOVA.SAMPLE"], "default", { start: "2025-01-01" });
    expect(frames.map((f) => f.ticker)).toEqual(["ACME.SAMPLE", "NOVA.SAMPLE"]);
    expect(Object.keys(frames[0].columns)).toEqual(["rsi_14", "macd_12_26_9", "macd_signal_12_26_9", "macd_hist_12_26_9"]);
    const one = await engineWith(store).computeOne("NOVA.SAMPLE", "default", { start: "2025-01-01" });
    expect(Array.from(one.columns.rsi_14)).toEqual(Array.from(frames[1].columns.rsi_14));
  });

  it("serves repeats from the cache and recomputes when the ticker's data changes", async () => {
    let reads = 0;
    const counting: MarketStore = Object.assign(Object.create(store) as DuckStore, {
      readBars: (q: Parameters<DuckStore["readBars"]>[0]) => {
        reads++;
        return store.readBars(q);
      },
    });
    const engine = engineWith(counting, new MemoryCache(64 * 1024 * 1024));
    const first = await engine.computeOne("NOVA.SAMPLE", set, { start: "2024-01-01" });
    const second = await engine.computeOne("NOVA.SAMPLE", set, { start: "2024-01-01" });
    expect(reads).toBe(1);
    expect(Array.from(second.columns.rsi_14)).toEqual(Array.from(first.columns.rsi_14));

    const last = first.ts[first.ts.length - 1];
    const next = allocFrame("NOVA.SAMPLE", "1d", 1);
    next.ts[0] = last + 3 * DAY;
    next.open[0] = next.high[0] = next.low[0] = next.close[0] = next.adjClose[0] = first.close[first.close.length - 1] * 1.1;
    next.volume[0] = 1000;
    await store.writeBars(next, "sample");
    const third = await engine.computeOne("NOVA.SAMPLE", set, { start: "2024-01-01" });
    expect(reads).toBe(2);
    expect(third.ts.length).toBe(first.ts.length + 1);
    expect(third.dataVersion).toBe(first.dataVersion + 1);
  });

  it("gives clear errors for a range without bars, a period longer than the data and an unknown feature", async () => {
    const engine = engineWith(store);
    await expect(engine.computeOne("ACME.SAMPLE", set, { start: "2030-01-01" })).rejects.toThrow(/No 1d bars of ACME\.SAMPLE between 2030-01-01/);
    await expect(engine.computeOne("ACME.SAMPLE", [{ name: "sma", params: { period: 5000 } }])).rejects.toThrow(
      /Feature 'sma' .* needs 4999 bars of warm-up, but ACME\.SAMPLE has only 4529/,
    );
    await expect(engine.computeOne("ACME.SAMPLE", [{ name: "smaa" }])).rejects.toThrow(/Unknown feature 'smaa'. Did you mean sma/);
    await expect(engine.computeOne("ACME.SAMPLE", set, { start: "2024-02-01", end: "2024-01-01" })).rejects.toThrow(/after the end/);
  });

  it("round-trips a frame through the binary cache format", async () => {
    const frame = await engineWith(store).computeOne("ACME.SAMPLE", set, { start: "2025-01-01" });
    const back = deserializeFeatureFrame(serializeFeatureFrame(frame));
    expect(back.ticker).toBe(frame.ticker);
    expect(Array.from(back.ts)).toEqual(Array.from(frame.ts));
    for (const name of Object.keys(frame.columns)) expect(Array.from(back.columns[name])).toEqual(Array.from(frame.columns[name]));
  });
});

describe("no look-ahead, for every registered indicator", () => {
  it("changing or appending bars after t never changes a value at or before t", () => {
    const registry = new FeatureRegistry();
    let seed = 7;
    const rand = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const series = (n: number) => {
      const f = allocFrame("X", "1d", n);
      let p = 50;
      for (let i = 0; i < n; i++) {
        const o = p;
        p = Math.max(0.5, p * (1 + (rand() - 0.5) * 0.06));
        f.ts[i] = i * DAY;
        f.open[i] = o;
        f.close[i] = f.adjClose[i] = p;
        f.high[i] = Math.max(o, p) * (1 + rand() * 0.02);
        f.low[i] = Math.min(o, p) * (1 - rand() * 0.02);
        f.volume[i] = rand() < 0.05 ? 0 : 1e5 * (1 + rand());
      }
      return f;
    };
    for (const info of registry.list()) {
      for (let trial = 0; trial < 4; trial++) {
        const n = 300 + Math.floor(rand() * 200);
        const base = series(n);
        const t = 60 + Math.floor(rand() * (n - 120));
        const changed = series(n + 50);
        for (const c of ["ts", "open", "high", "low", "close", "adjClose", "volume"] as const) changed[c].set(base[c].subarray(0, t + 1));
        const set = resolveFeatureSet([{ name: info.name }], registry, {});
        const a = computeOnBars(base, set);
        const b = computeOnBars(changed, set);
        for (const col of set.columns) {
          expect(Array.from(b[col].subarray(0, t + 1)), `${col} at or before bar ${t}`).toEqual(Array.from(a[col].subarray(0, t + 1)));
        }
      }
    }
  });
});
