import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { InvalidInput, NotFound } from "../../errors.js";
import { type Bar, frameFromBars } from "../frame.js";
import { Database } from "../store/database.js";
import { DuckStore } from "../store/duck-store.js";

const DAY = 86_400_000;

/** Daily bars on every calendar day from `start` for `n` days, with a given close and volume per day. */
function barsFrom(ticker: string, start: string, n: number, close: (i: number) => number, volume: (i: number) => number) {
  const t0 = Date.parse(`${start}T00:00:00Z`);
  const rows: Bar[] = Array.from({ length: n }, (_, i) => {
    const c = close(i);
    return { ts: t0 + i * DAY, open: c, high: c + 1, low: c - 1, close: c, adjClose: c, volume: volume(i) };
  });
  return frameFromBars(ticker, "1d", rows);
}

describe("universes in DuckDB", () => {
  const dbs: Database[] = [];
  const open = async () => {
    const db = await Database.open(join(mkdtempSync(join(tmpdir(), "oq-universe-")), "t.duckdb"));
    dbs.push(db);
    return new DuckStore(db);
  };
  afterEach(() => {
    for (const db of dbs.splice(0)) db.close();
  });

  it("stores a list universe, answers point in time, and versions every change", async () => {
    const store = await open();
    const v1 = await store.defineUniverse("tech", {
      kind: "list",
      description: "three names",
      tickers: ["AAA", { ticker: "BBB", from: "2020-01-01", to: "2020-06-30" }, { ticker: "CCC", from: "2020-03-01" }],
    });
    expect(v1).toMatchObject({ name: "tech", version: 1, kind: "list", tickers: 3, spells: 3, description: "three names" });
    expect(await store.universeMembers("tech", "2020-02-01")).toEqual(["AAA", "BBB"]);
    expect(await store.universeMembers("tech", "2020-06-30")).toEqual(["AAA", "BBB", "CCC"]);
    // to is inclusive: the day after, BBB has left (its history stays in the memberships)
    expect(await store.universeMembers("tech", "2020-07-01")).toEqual(["AAA", "CCC"]);

    // the same definition again changes nothing
    expect((await store.defineUniverse("tech", { kind: "list", description: "three names", tickers: ["AAA", { ticker: "BBB", from: "2020-01-01", to: "2020-06-30" }, { ticker: "CCC", from: "2020-03-01" }] })).version).toBe(1);
    const v2 = await store.defineUniverse("tech", { kind: "list", tickers: ["AAA"] });
    expect(v2.version).toBe(2);
    expect(await store.universeMembers("tech", "2020-02-01")).toEqual(["AAA"]);
    // the old version stays readable, so a run can pin it
    const old = await store.getUniverse("tech", { version: 1 });
    expect(old.memberships).toEqual([
      { ticker: "AAA", from: "0001-01-01", to: null },
      { ticker: "BBB", from: "2020-01-01", to: "2020-06-30" },
      { ticker: "CCC", from: "2020-03-01", to: null },
    ]);
    expect(await store.universeMembers("tech", "2020-02-01", { version: 1 })).toEqual(["AAA", "BBB"]);
    expect((await store.getUniverse("tech", { asOf: v1.updatedAt })).version).toBe(1);
    await expect(store.getUniverse("tech", { version: 3 })).rejects.toThrow(/versions are 1 to 2/);
    expect((await store.listUniverses()).map((u) => [u.name, u.version])).toEqual([["tech", 2]]);

    await store.deleteUniverse("tech");
    expect(await store.listUniverses()).toEqual([]);
    await expect(store.getUniverse("tech")).rejects.toBeInstanceOf(NotFound);
    // deleted, but pinned versions stay; defining it again continues the count
    expect((await store.getUniverse("tech", { version: 2 })).memberships).toHaveLength(1);
    expect((await store.defineUniverse("tech", { kind: "list", tickers: ["AAA"] })).version).toBe(3);
  });

  it("refuses bad memberships with what to do", async () => {
    const store = await open();
    await store.defineUniverse("one", { kind: "list", tickers: ["AAA"] });
    await expect(store.getUniverse("onee")).rejects.toThrow(/No universe 'onee'\. Did you mean one\? Known universes: one\./);
    await expect(store.defineUniverse("x", { kind: "list", tickers: [{ ticker: "AAA", from: "2021-01-01", to: "2020-01-01" }] })).rejects.toThrow(
      /tickers\[0\]: AAA ends 2020-01-01, before it starts 2021-01-01/,
    );
    const overlap = store.defineUniverse("x", {
      kind: "list",
      tickers: [
        { ticker: "AAA", from: "2020-01-01", to: "2020-12-31" },
        { ticker: "AAA", from: "2020-06-01" },
      ],
    });
    await expect(overlap).rejects.toThrow(/AAA has overlapping memberships: tickers\[0\] \(2020-01-01 to 2020-12-31\) and tickers\[1\] \(2020-06-01 to open\)/);
    const csv = "ticker,from,to\nAAA,2020-01-01,2020-12-31\nBBB,2020-01-01,\nAAA,2020-12-31,\n";
    await expect(store.defineUniverse("x", { kind: "csv", csv, file: "m.csv" })).rejects.toThrow(/line 2 of m\.csv .* and line 4 of m\.csv/);
    await expect(store.defineUniverse("x", { kind: "csv", csv: "ticker,start\nAAA,2020-01-01\n", file: "m.csv" })).rejects.toThrow(
      /m\.csv, line 1: the header 'ticker,start' has no to column/,
    );
    await expect(store.defineUniverse("x", { kind: "csv", csv: "ticker,from,to\nA;DROP,2020-01-01,\n" })).rejects.toThrow(/line 2: 'A;DROP' is not a valid ticker/);
    await expect(store.defineUniverse("x", { kind: "rule", top: 5, bogus: 1 } as never)).rejects.toThrow(/Unrecognized key.*bogus/);
    await expect(store.defineUniverse("x", { kind: "list", tickers: ["../etc"] })).rejects.toBeInstanceOf(InvalidInput);
    await expect(store.defineUniverse("1bad", { kind: "list", tickers: ["AAA"] })).rejects.toThrow(/universe name/);
    // nothing was written by the failures
    expect((await store.listUniverses()).map((u) => u.name)).toEqual(["one"]);
  });

  it("materializes a rule from bars up to each rebalance date only", async () => {
    const store = await open();
    // three tickers over Jan–Mar 2021; BIG trades the most until Feb 14, then LOW surges
    await store.writeBars(barsFrom("BIG", "2021-01-01", 90, () => 10, (i) => (i < 45 ? 1e6 : 1)), "test");
    await store.writeBars(barsFrom("MID", "2021-01-01", 90, () => 10, () => 1e4), "test");
    await store.writeBars(barsFrom("LOW", "2021-01-01", 90, () => 10, (i) => (i < 45 ? 1 : 1e8)), "test");
    await store.writeBars(barsFrom("PENNY", "2021-01-01", 90, () => 1, () => 1e9), "test");
    const rule = { kind: "rule", top: 1, window: 5, minPrice: 5, rebalance: "monthly" } as const;
    const u = await store.defineUniverse("liquid", rule);
    expect((await store.getUniverse("liquid")).memberships).toEqual([
      // chosen on 2021-03-01 from the 5 bars up to it (LOW's surge started Feb 15)
      { ticker: "BIG", from: "2021-02-01", to: "2021-02-28" },
      { ticker: "LOW", from: "2021-03-01", to: null },
    ]);
    // Jan 1 has one bar of history, less than the window: nobody qualifies yet; PENNY never (price < 5)
    expect(await store.universeMembers("liquid", "2021-01-15")).toEqual([]);
    expect(u.version).toBe(1);

    // no look-ahead: a huge volume on MID after 2021-02-01 does not change the February choice
    await store.writeBars(barsFrom("MID", "2021-02-02", 1, () => 10, () => 1e15), "test");
    const again = await store.getUniverse("liquid", { version: (await store.defineUniverse("liquid", rule)).version });
    expect(again.memberships[0]).toEqual({ ticker: "BIG", from: "2021-02-01", to: "2021-02-28" });
  });

  it("keeps ticker attributes, a field left out keeps its value", async () => {
    const store = await open();
    await store.setTickerAttributes([
      { ticker: "AAA", sector: "Tech", name: "Aaa Inc" },
      { ticker: "BBB", sector: "Energy" },
    ]);
    await store.setTickerAttributes([{ ticker: "AAA", industry: "Software" }]);
    expect(await store.tickerAttributes(["AAA"])).toEqual([{ ticker: "AAA", sector: "Tech", industry: "Software", name: "Aaa Inc", exchange: null, currency: null }]);
    expect((await store.tickerAttributes()).map((a) => [a.ticker, a.sector])).toEqual([
      ["AAA", "Tech"],
      ["BBB", "Energy"],
    ]);
    await expect(store.setTickerAttributes([{ ticker: "AAA", colour: "red" } as never])).rejects.toThrow(/Unrecognized key.*colour/);
  });
});
