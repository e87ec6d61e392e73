import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { InvalidInput, NotFound } from "../../errors.js";
import { type Bar, frameFromBars, frameRows } from "../frame.js";
import { Database } from "./database.js";
import { DuckStore } from "./duck-store.js";

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 2);
const bar = (i: number, close = 100 + i): Bar => ({
  ts: T0 + i * DAY,
  open: close - 0.5,
  high: close + 1,
  low: close - 1,
  close,
  adjClose: close,
  volume: 1000 + i,
});
const bars = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => bar(from + k));

describe("DuckStore", () => {
  const dbs: Database[] = [];
  const open = async () => {
    const db = await Database.open(join(mkdtempSync(join(tmpdir(), "oq-store-")), "t.duckdb"));
    dbs.push(db);
    return new DuckStore(db);
  };
  afterEach(() => {
    for (const db of dbs.splice(0)) db.close();
  });

  it("stores bars and reads them back exactly, by range", async () => {
    const store = await open();
    const r = await store.writeBars(frameFromBars("ACME.SAMPLE", "1d", bars(0, 10)), "sample");
    expect(r).toMatchObject({ received: 10, inserted: 10, updated: 0, unchanged: 0, rejected: [], dataVersion: 1 });
    const all = await store.readBars({ ticker: "ACME.SAMPLE" });
    expect(frameRows(all)).toEqual(bars(0, 10));
    const some = await store.readBars({ ticker: "ACME.SAMPLE", start: T0 + 3 * DAY, end: T0 + 5 * DAY });
    expect(frameRows(some)).toEqual(bars(3, 6));
  });

  it("upserts: new bars inserted, revised bars updated, identical bars unchanged, and versions the data", async () => {
    const store = await open();
    await store.writeBars(frameFromBars("ACME.SAMPLE", "1d", bars(0, 10)), "sample");
    const again = await store.writeBars(frameFromBars("ACME.SAMPLE", "1d", bars(0, 10)), "sample");
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 10, dataVersion: 1 });
    const revised = [...bars(8, 10), bar(10), bar(11)];
    revised[1] = bar(9, 250);
    const r = await store.writeBars(frameFromBars("ACME.SAMPLE", "1d", revised), "sample");
    expect(r).toMatchObject({ inserted: 2, updated: 1, unchanged: 1, dataVersion: 2 });
    const info = await store.tickerInfo("ACME.SAMPLE", "1d");
    expect(info).toMatchObject({ rows: 12, dataVersion: 2, provider: "sample" });
    expect(info?.firstBar).toBe(new Date(T0).toISOString());
    expect(info?.lastBar).toBe(new Date(T0 + 11 * DAY).toISOString());
    const stored = frameRows(await store.readBars({ ticker: "ACME.SAMPLE" }));
    expect(stored).toHaveLength(12);
    expect(stored[9].close).toBe(250);
  });

  it("rejects bad bars with the row and the reason, and stores the rest", async () => {
    const store = await open();
    const input = bars(0, 6);
    input[1] = { ...input[1], high: input[1].close - 5 };
    input[2] = { ...input[2], volume: -1 };
    input[3] = { ...input[3], close: Number.NaN };
    input[5] = { ...input[5], ts: input[4].ts };
    const r = await store.writeBars(frameFromBars("ACME.SAMPLE", "1d", input), "csv");
    expect(r.inserted).toBe(2);
    expect(r.rejected.map((x) => [x.row, x.reason.split(" ")[0]])).toEqual([
      [1, "high"],
      [2, "volume"],
      [3, "close"],
      [5, "duplicate"],
    ]);
    expect(frameRows(await store.readBars({ ticker: "ACME.SAMPLE" })).map((b) => b.ts)).toEqual([input[0].ts, input[4].ts]);
  });

  it("answers the bar time counted back from the end, for incremental ingestion", async () => {
    const store = await open();
    await store.writeBars(frameFromBars("ACME.SAMPLE", "1d", bars(0, 10)), "sample");
    expect(await store.barTimeFromEnd("ACME.SAMPLE", "1d", 0)).toBe(T0 + 9 * DAY);
    expect(await store.barTimeFromEnd("ACME.SAMPLE", "1d", 3)).toBe(T0 + 6 * DAY);
    expect(await store.barTimeFromEnd("ACME.SAMPLE", "1d", 50)).toBe(T0);
    expect(await store.barTimeFromEnd("OTHER", "1d", 0)).toBeUndefined();
  });

  it("gives clear errors: unknown ticker with suggestions, start after end, bad interval, hostile ticker", async () => {
    const store = await open();
    await store.writeBars(frameFromBars("ACME.SAMPLE", "1d", bars(0, 3)), "sample");
    await expect(store.readBars({ ticker: "ACME.SAMPL" })).rejects.toThrow(NotFound);
    await expect(store.readBars({ ticker: "ACME.SAMPL" })).rejects.toThrow(/Did you mean ACME\.SAMPLE/);
    await expect(store.readBars({ ticker: "ACME.SAMPLE", start: T0 + DAY, end: T0 })).rejects.toThrow(/is after the end/);
    await expect(store.readBars({ ticker: "ACME.SAMPLE", interval: "7d" as never })).rejects.toThrow(/Unsupported interval '7d'/);
    await expect(store.readBars({ ticker: "x'; DROP TABLE ohlcv; --" })).rejects.toThrow(InvalidInput);
    expect((await store.listTickers()).map((t) => t.ticker)).toEqual(["ACME.SAMPLE"]);
  });

  it("keeps the previous state when a write fails mid-transaction", async () => {
    const store = await open();
    await store.writeBars(frameFromBars("ACME.SAMPLE", "1d", bars(0, 5)), "sample");
    await expect(
      store.transaction(async () => {
        await (store as unknown as { db: Database }).db.connection.run("DELETE FROM ohlcv");
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect((await store.readBars({ ticker: "ACME.SAMPLE" })).ts.length).toBe(5);
  });
});
