import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterEach, describe, expect, it } from "vitest";
import { Conflict, InvalidInput, NotFound } from "../../errors.js";
import { type Bar, frameFromBars, frameRows } from "../frame.js";
import { Database } from "./database.js";
import { DuckStore } from "./duck-store.js";
import { migrate, migrations } from "./migrations.js";

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 2);
const bar = (i: number, close = 100 + i): Bar => ({ ts: T0 + i * DAY, open: close - 0.5, high: close + 1, low: close - 1, close, adjClose: close, volume: 1000 + i });
const bars = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => bar(from + k));
const TICKER = "ACME.SAMPLE";
const tick = () => new Promise((r) => setTimeout(r, 5));

describe("bar revisions, as-of reads, snapshots and retention", () => {
  const dbs: Database[] = [];
  const tempFile = () => join(mkdtempSync(join(tmpdir(), "oq-rev-")), "t.duckdb");
  const open = async (path = tempFile()) => {
    const db = await Database.open(path);
    dbs.push(db);
    return { store: new DuckStore(db), db };
  };
  afterEach(() => {
    for (const db of dbs.splice(0)) db.close();
  });
  const revisionCount = async (db: Database) => Number((await db.connection.runAndReadAll("SELECT count(*) AS n FROM ohlcv_revisions")).getRowObjects()[0].n);

  it("keeps a revised bar's old value, reads it as of before the revision, and makes no revision for unchanged bars", async () => {
    const { store, db } = await open();
    await store.writeBars(frameFromBars(TICKER, "1d", bars(0, 10)), "sample");
    await tick();
    const beforeRevision = Date.now();
    await tick();
    // same bars again: nothing changes, no revision
    const again = await store.writeBars(frameFromBars(TICKER, "1d", bars(0, 10)), "sample");
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 10 });
    expect(await revisionCount(db)).toBe(0);
    // a correction of bars 3 and 7 and two new bars
    const corrected = [...bars(0, 10), ...bars(10, 12)];
    corrected[3] = bar(3, 250);
    corrected[7] = { ...bar(7), volume: 1 };
    const r = await store.writeBars(frameFromBars(TICKER, "1d", corrected), "sample");
    expect(r).toMatchObject({ inserted: 2, updated: 2, unchanged: 8 });
    expect(await revisionCount(db)).toBe(2);

    expect(frameRows(await store.readBars({ ticker: TICKER }))).toEqual(corrected);
    expect(frameRows(await store.readBars({ ticker: TICKER, asOf: beforeRevision }))).toEqual(bars(0, 10));
    expect(frameRows(await store.readBars({ ticker: TICKER, asOf: new Date(beforeRevision).toISOString(), start: T0 + 2 * DAY, end: T0 + 4 * DAY }))).toEqual(bars(2, 5));
    expect(frameRows(await store.readBars({ ticker: TICKER, asOf: Date.now() }))).toEqual(corrected);

    // revising the revised bar again keeps both earlier values, each visible in its own time
    await tick();
    const afterFirst = Date.now();
    await tick();
    const twice = [...corrected];
    twice[3] = bar(3, 300);
    await store.writeBars(frameFromBars(TICKER, "1d", twice), "sample");
    expect(await revisionCount(db)).toBe(3);
    expect(frameRows(await store.readBars({ ticker: TICKER, asOf: afterFirst }))[3]).toEqual(bar(3, 250));
    expect(frameRows(await store.readBars({ ticker: TICKER, asOf: beforeRevision }))[3]).toEqual(bar(3));
    expect(frameRows(await store.readBars({ ticker: TICKER }))[3]).toEqual(bar(3, 300));
  });

  it("refuses an asOf before any data, a malformed asOf, and reports unknown tickers as before", async () => {
    const { store } = await open();
    const early = Date.now() - 60_000;
    await store.writeBars(frameFromBars(TICKER, "1d", bars(0, 5)), "sample");
    await expect(store.readBars({ ticker: TICKER, asOf: early })).rejects.toThrow(InvalidInput);
    await expect(store.readBars({ ticker: TICKER, asOf: early })).rejects.toThrow(/No 1d bars of ACME.SAMPLE had been recorded by .*the first were recorded at/);
    await expect(store.readBars({ ticker: TICKER, asOf: "2024-13-45" })).rejects.toThrow(/not a time/);
    await expect(store.readBars({ ticker: "NOPE.SAMPLE", asOf: Date.now() })).rejects.toThrow(NotFound);
  });

  it("snapshots freeze a watermark: reads by name see the bars of then, names are unique, unknown names are NotFound", async () => {
    const { store } = await open();
    await store.writeBars(frameFromBars(TICKER, "1d", bars(0, 6)), "sample");
    await store.writeBars(frameFromBars("OTHER.SAMPLE", "1d", bars(0, 3)), "sample");
    const snap = await store.createSnapshot("before-fix", [TICKER], "pre-correction");
    expect(snap).toMatchObject({ name: "before-fix", description: "pre-correction", tickers: [{ ticker: TICKER, interval: "1d" }] });
    await expect(store.createSnapshot("before-fix")).rejects.toThrow(Conflict);
    await expect(store.createSnapshot("9bad")).rejects.toThrow(InvalidInput);
    await expect(store.createSnapshot("nope", ["MISSING.SAMPLE"])).rejects.toThrow(NotFound);

    const fixed = bars(0, 8);
    fixed[1] = bar(1, 42);
    await store.writeBars(frameFromBars(TICKER, "1d", fixed), "sample");
    expect(frameRows(await store.readBars({ ticker: TICKER, asOf: "before-fix" }))).toEqual(bars(0, 6));
    expect(frameRows(await store.readBars({ ticker: TICKER }))).toEqual(fixed);
    await expect(store.readBars({ ticker: "OTHER.SAMPLE", asOf: "before-fix" })).rejects.toThrow(/does not include OTHER.SAMPLE/);
    await expect(store.readBars({ ticker: TICKER, asOf: "before-fxi" })).rejects.toThrow(/No snapshot named 'before-fxi'. Did you mean before-fix/);

    const all = await store.createSnapshot("everything");
    expect(all.tickers.map((t) => t.ticker)).toEqual([TICKER, "OTHER.SAMPLE"].sort());
    expect((await store.listSnapshots()).map((s) => s.name)).toEqual(["everything", "before-fix"]);
    await store.deleteSnapshot("everything");
    await expect(store.deleteSnapshot("everything")).rejects.toThrow(NotFound);
    expect((await store.listSnapshots()).map((s) => s.name)).toEqual(["before-fix"]);
  });

  it("retention drops old revisions nobody needs, keeps those a snapshot or pin needs, and force drops them too", async () => {
    const { store, db } = await open();
    await store.writeBars(frameFromBars(TICKER, "1d", bars(0, 10)), "sample");
    await store.writeBars(frameFromBars("OTHER.SAMPLE", "1d", bars(0, 10)), "sample");
    await tick();
    const pinTime = Date.now();
    await tick();
    // a run read ACME up to bar 4 at pinTime; a snapshot holds OTHER
    await store.recordPin({
      runId: "run-1",
      createdAt: pinTime,
      asOf: pinTime,
      ranges: [{ ticker: TICKER, interval: "1d", start: null, end: T0 + 4 * DAY, asOf: pinTime, rows: 5, sha256: "0".repeat(64) }],
    });
    await store.createSnapshot("other-frozen", ["OTHER.SAMPLE"]);
    // revise bars 2 and 8 of both tickers, then bar 8 again
    for (const t of [TICKER, "OTHER.SAMPLE"]) {
      const revised = bars(0, 10);
      revised[2] = bar(2, 51);
      revised[8] = bar(8, 51);
      await store.writeBars(frameFromBars(t, "1d", revised), "sample");
      revised[8] = bar(8, 52);
      await store.writeBars(frameFromBars(t, "1d", revised), "sample");
    }
    expect(await revisionCount(db)).toBe(6);
    // nothing is older than a year
    expect(await store.applyRetention()).toMatchObject({ removed: 0, kept: 0 });
    const report = await store.applyRetention({ olderThanDays: 0 });
    // needed: ACME bar 2 (pinned range, original value); OTHER bars 2 and 8 originals (snapshot). Not needed: ACME bar 8 (outside
    // the pin's range) both revisions, OTHER bar 8's middle value (never visible at the snapshot)
    expect(report).toMatchObject({ removed: 3, kept: 3, force: false, affectedRuns: [] });
    expect(frameRows(await store.readBars({ ticker: TICKER, asOf: pinTime, end: T0 + 4 * DAY }))).toEqual(bars(0, 5));
    expect(frameRows(await store.readBars({ ticker: "OTHER.SAMPLE", asOf: "other-frozen" }))).toEqual(bars(0, 10));

    const forced = await store.applyRetention({ olderThanDays: 0, force: true });
    expect(forced).toMatchObject({ removed: 3, kept: 0, affectedRuns: ["run-1"], affectedSnapshots: ["other-frozen"] });
    expect(await revisionCount(db)).toBe(0);
    // bar 2 is gone as of pinTime: its original was dropped and its revision came later
    expect((await store.readBars({ ticker: TICKER, asOf: pinTime, end: T0 + 4 * DAY })).ts.length).toBe(4);
  });

  it("keeps pins by local id, finds them by MLflow run id once linked", async () => {
    const { store } = await open();
    await store.writeBars(frameFromBars(TICKER, "1d", bars(0, 3)), "sample");
    const pin = { runId: "local-1", createdAt: 1, asOf: 2, ranges: [{ ticker: TICKER, interval: "1d" as const, start: null, end: null, asOf: 2, rows: 3, sha256: "a".repeat(64) }], detail: { x: 1 } };
    await store.recordPin(pin);
    expect(await store.getPin("local-1")).toEqual(pin);
    await store.linkPin("local-1", "f".repeat(32));
    expect(await store.getPin("f".repeat(32))).toEqual({ ...pin, mlflowRunId: "f".repeat(32) });
    expect(await store.getPin("unknown")).toBeUndefined();
    await expect(store.recordPin({ ...pin, ranges: [] })).rejects.toThrow(InvalidInput);
  });

  it("migration 4 converts a database made by migrations 1-3 without losing a bar", async () => {
    const path = tempFile();
    const instance = await DuckDBInstance.create(path);
    const conn = await instance.connect();
    expect(await migrate(conn, 3)).toEqual([1, 2, 3]);
    const old = bars(0, 300);
    for (const b of old) {
      await conn.run("INSERT INTO ohlcv VALUES ($1, '1d', make_timestamp($2::BIGINT * 1000), $3, $4, $5, $6, $7, $8)", [TICKER, b.ts, b.open, b.high, b.low, b.close, b.adjClose, b.volume]);
    }
    const ingestedAt = Date.UTC(2025, 5, 1, 12);
    await conn.run("INSERT INTO tickers VALUES ($1, '1d', 'sample', make_timestamp($2::BIGINT * 1000), make_timestamp($3::BIGINT * 1000), make_timestamp($4::BIGINT * 1000), 300, 1)", [
      TICKER,
      old[0].ts,
      old[299].ts,
      ingestedAt,
    ]);
    conn.closeSync();
    instance.closeSync();

    const { store, db } = await open(path);
    const versions = (await db.connection.runAndReadAll("SELECT version FROM schema_migrations ORDER BY version")).getRowObjects().map((r) => Number(r.version));
    // every later migration runs too
    expect(versions).toEqual(migrations.map((m) => m.version));
    expect(versions.slice(0, 4)).toEqual([1, 2, 3, 4]);
    expect(frameRows(await store.readBars({ ticker: TICKER }))).toEqual(old);
    // the bars count as recorded at the ticker's last ingestion
    expect(frameRows(await store.readBars({ ticker: TICKER, asOf: ingestedAt }))).toEqual(old);
    await expect(store.readBars({ ticker: TICKER, asOf: ingestedAt - 1 })).rejects.toThrow(InvalidInput);
    // and behave like any other after it: a revision keeps the migrated value
    const revised = bars(0, 300);
    revised[10] = bar(10, 51);
    await store.writeBars(frameFromBars(TICKER, "1d", revised), "sample");
    expect(frameRows(await store.readBars({ ticker: TICKER, asOf: ingestedAt }))).toEqual(old);
  });
});
