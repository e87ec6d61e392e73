import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { InvalidInput } from "../../errors.js";
import { Database } from "../store/database.js";
import { DuckStore } from "../store/duck-store.js";
import { importFiles } from "./import-files.js";

const YAHOO = "Date,Open,High,Low,Close,Adj Close,Volume";

describe("importFiles", () => {
  const dbs: Database[] = [];
  let dir: string;
  const open = async () => {
    dir = mkdtempSync(join(tmpdir(), "oq-import-"));
    const db = await Database.open(join(dir, "t.duckdb"));
    dbs.push(db);
    return { db, store: new DuckStore(db) };
  };
  const file = (name: string, text: string | Buffer) => {
    const path = join(dir, name);
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, text);
    return path;
  };
  const count = async (db: Database, table: string) => Number((await db.connection.runAndReadAll(`SELECT count(*) AS n FROM ${table}`)).getRowObjects()[0].n);
  const failure = async (p: Promise<unknown>) => {
    const error = await p.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidInput);
    return (error as Error).message;
  };
  afterEach(() => {
    for (const db of dbs.splice(0)) db.close();
  });

  it("imports a wide Yahoo file with M/D/YYYY dates, skips its null days, and a re-import changes nothing", async () => {
    const { store } = await open();
    const path = file(
      "spx.csv.gz",
      gzipSync(`${YAHOO}\n1/4/1999,10,12,9,11,11,100\n1/5/1999,null,null,null,null,null,null\n1/13/1999,11,13,10,12,12,200\n`),
    );
    const first = await importFiles(store, { input: path, ticker: "^GSPC" });
    expect(first.tickers).toHaveLength(1);
    expect(first.tickers[0]).toMatchObject({ ticker: "^GSPC", received: 3, inserted: 2, skipped: 1, firstBar: "1999-01-04T00:00:00.000Z", lastBar: "1999-01-13T00:00:00.000Z", dataVersion: 1 });
    expect(first.tickers[0].issues[0]).toMatchObject({ file: path, line: 3 });
    const bars = await store.readBars({ ticker: "^GSPC" });
    expect(Array.from(bars.close)).toEqual([11, 12]);
    const again = await importFiles(store, { input: path, ticker: "^GSPC" });
    expect(again.tickers[0]).toMatchObject({ inserted: 0, updated: 0, unchanged: 2, dataVersion: 1 });
    expect((await store.tickerInfo("^GSPC", "1d"))?.dataVersion).toBe(1);
  });

  it("imports a long file of several tickers and keeps revised values as revisions", async () => {
    const { db, store } = await open();
    const long = (close: number) => file("long.csv", `date,ticker,open,high,low,close,volume\n2024-01-02,AAA,10,12,9,11,5\n2024-01-02,BBB,20,22,19,21,6\n2024-01-03,AAA,11,13,10,${close},7\n`);
    const r = await importFiles(store, { input: long(12) });
    expect(r.tickers.map((t) => [t.ticker, t.inserted])).toEqual([
      ["AAA", 2],
      ["BBB", 1],
    ]);
    const revised = await importFiles(store, { input: long(12.5) });
    expect(revised.tickers.find((t) => t.ticker === "AAA")).toMatchObject({ inserted: 0, updated: 1, unchanged: 1, dataVersion: 2 });
    expect(revised.tickers.find((t) => t.ticker === "BBB")).toMatchObject({ updated: 0, dataVersion: 1 });
    expect(await count(db, "ohlcv_revisions")).toBe(1);
    expect(Array.from((await store.readBars({ ticker: "AAA" })).close)).toEqual([11, 12.5]);
  });

  it("takes tickers from the file names of a folder, and reads Parquet", async () => {
    const { db, store } = await open();
    file("folder/AAA.csv", "date,open,high,low,close,volume\n2024-01-02,10,12,9,11,5\n");
    const parquet = join(dir, "folder", "BBB.parquet");
    await db.connection.run(
      `COPY (SELECT DATE '2024-01-02' AS Date, 20.0 AS Open, 22.0 AS High, 19.0 AS Low, 21.0 AS Close, 21.0 AS "Adj Close", 6 AS Volume) TO '${parquet}' (FORMAT parquet)`,
    );
    const r = await importFiles(store, { input: join(dir, "folder") });
    expect(r.tickers.map((t) => [t.ticker, t.inserted, t.firstBar])).toEqual([
      ["AAA", 1, "2024-01-02T00:00:00.000Z"],
      ["BBB", 1, "2024-01-02T00:00:00.000Z"],
    ]);
  });

  it("tells D/M/YYYY, YYYYMMDD and epoch dates apart on its own", async () => {
    const { store } = await open();
    const cases: Array<[string, string]> = [
      ["DM", "4/1/1999\n13/1/1999"],
      ["YMD", "19990104\n19990113"],
      ["EPS", `${Date.UTC(1999, 0, 4) / 1000}\n${Date.UTC(1999, 0, 13) / 1000}`],
      ["EPMS", `${Date.UTC(1999, 0, 4)}\n${Date.UTC(1999, 0, 13)}`],
    ];
    for (const [ticker, dates] of cases) {
      const text = `date,open,high,low,close,volume\n${dates
        .split("\n")
        .map((d) => `${d},10,12,9,11,5`)
        .join("\n")}\n`;
      const r = await importFiles(store, { input: file(`${ticker}.csv`, text) });
      expect([r.tickers[0].firstBar, r.tickers[0].lastBar], ticker).toEqual(["1999-01-04T00:00:00.000Z", "1999-01-13T00:00:00.000Z"]);
    }
  });

  it("reads ISO date-times with a zone as UTC, and a strptime pattern when asked", async () => {
    const { store } = await open();
    const zoned = file("Z.csv", "timestamp,open,high,low,close,volume\n2024-01-02T10:00:00+02:00,10,12,9,11,5\n2024-01-02T12:00:00Z,10,12,9,11,5\n");
    const r = await importFiles(store, { input: zoned, interval: "1h" });
    expect([r.tickers[0].firstBar, r.tickers[0].lastBar]).toEqual(["2024-01-02T08:00:00.000Z", "2024-01-02T12:00:00.000Z"]);
    const dotted = file("DOT.csv", "date,open,high,low,close,volume\n02.01.2024,10,12,9,11,5\n");
    expect((await importFiles(store, { input: dotted, dateFormat: "%d.%m.%Y" })).tickers[0].firstBar).toBe("2024-01-02T00:00:00.000Z");
    const glob = await importFiles(store, { input: join(dir, "?.csv"), interval: "1h" });
    expect(glob.files).toEqual([zoned]);
  });

  it("reports bars that fail the OHLC checks with file and line, and stores the others", async () => {
    const { store } = await open();
    const path = file("bad.csv", "date,open,high,low,close,volume\n2024-01-02,10,12,9,11,5\n2024-01-03,10,9,8,11,5\n2024-01-04,-1,12,9,11,5\n");
    const r = await importFiles(store, { input: path, ticker: "ACME" });
    expect(r.tickers[0]).toMatchObject({ inserted: 1, rejected: 2 });
    expect(r.tickers[0].issues.map((i) => [i.line, i.reason])).toEqual([
      [3, "high 9 is below max(open, close) 11"],
      [4, "open is not positive (-1)"],
    ]);
  });

  it("refuses bad input with a message naming the file, line and what to do", async () => {
    const { store } = await open();
    const body = "open,high,low,close,volume\n10,12,9,11,5\n";
    expect(await failure(importFiles(store, { input: file("nodate.csv", body) }))).toMatch(/nodate\.csv: there is no date column/);
    const mixed = file("mixed.csv", "date,open,high,low,close,volume\n2024-01-02,10,12,9,11,5\n1/3/2024,10,12,9,11,5\n");
    expect(await failure(importFiles(store, { input: mixed }))).toMatch(/mixed\.csv: mixed date formats — line 3 has '1\/3\/2024'.*line 2 has '2024-01-02'/);
    const ambiguous = file("amb.csv", "date,open,high,low,close,volume\n1/4/1999,10,12,9,11,5\n");
    expect(await failure(importFiles(store, { input: ambiguous }))).toMatch(/amb\.csv: its dates \(e\.g\. '1\/4\/1999'.*--date-format M\/D\/YYYY or --date-format D\/M\/YYYY/);
    const r = await importFiles(store, { input: ambiguous, dateFormat: "D/M/YYYY" });
    expect(r.tickers[0].firstBar).toBe("1999-04-01T00:00:00.000Z");
    const badTicker = file("t.csv", "date,symbol,open,high,low,close,volume\n2024-01-02,OK,10,12,9,11,5\n2024-01-03,no good!,10,12,9,11,5\n");
    expect(await failure(importFiles(store, { input: badTicker }))).toMatch(/t\.csv, line 3: the ticker 'no good!' in column 'symbol' is not a valid ticker/);
    const parquet = join(dir, "typed.parquet");
    const db = dbs[0];
    await db.connection.run(`COPY (SELECT DATE '2024-01-02' AS date, 1.0 AS open, 2.0 AS high, 0.5 AS low, '1.5' AS close, 10 AS volume) TO '${parquet}' (FORMAT parquet)`);
    expect(await failure(importFiles(store, { input: parquet, ticker: "X" }))).toMatch(/typed\.parquet: column 'close' is VARCHAR, not a number/);
    expect(await failure(importFiles(store, { input: join(dir, "missing.csv") }))).toMatch(/missing\.csv: no such file or folder/);
    mkdirSync(join(dir, "empty"));
    expect(await failure(importFiles(store, { input: join(dir, "empty") }))).toMatch(/empty: it holds no \.csv, \.csv\.gz, \.parquet file/);
    expect(await failure(importFiles(store, { input: file("bars.xlsx", "x") }))).toMatch(/bars\.xlsx: unsupported file type/);
    const twice = file("dup.csv", "date,open,high,low,close,volume\n2024-01-02,10,12,9,11,5\n2024-01-02,10,12,9,11,6\n");
    expect(await failure(importFiles(store, { input: twice }))).toMatch(/dup has two rows for 2024-01-02: .*dup\.csv, line 2 and .*dup\.csv, line 3/);
    const badDate = file("feb.csv", "date,open,high,low,close,volume\n2/13/2024,10,12,9,11,5\n2/30/2024,10,12,9,11,5\n");
    expect(await failure(importFiles(store, { input: badDate }))).toMatch(/feb\.csv, line 3: '2\/30\/2024' is not a valid M\/D\/YYYY date/);
    expect(await failure(importFiles(store, { input: ambiguous, dateFormat: "sometimes" }))).toMatch(/Unknown date format 'sometimes'/);
  });

  it("leaves nothing behind when the second file of a folder has a bad row", async () => {
    const { db, store } = await open();
    file("crash/AAA.csv", "date,open,high,low,close,volume\n2024-01-02,10,12,9,11,5\n");
    file("crash/BBB.csv", "date,open,high,low,close,volume\n2024-01-02,10,12,9,11,5\n2024-01-03,10,12,9,eleven,5\n");
    expect(await failure(importFiles(store, { input: join(dir, "crash") }))).toMatch(/BBB\.csv: DuckDB cannot read it: .*Line: 3/);
    expect(await count(db, "ohlcv")).toBe(0);
    expect(await count(db, "tickers")).toBe(0);
    // the connection is usable again after the rollback
    const r = await importFiles(store, { input: join(dir, "crash", "AAA.csv") });
    expect(r.totals.inserted).toBe(1);
  });

  it("returns the memberships a universe would record", async () => {
    const { store } = await open();
    const path = file("u.csv", "date,ticker,open,high,low,close,volume\n2024-01-02,AAA,10,12,9,11,5\n2024-01-05,AAA,10,12,9,11,5\n");
    const r = await importFiles(store, { input: path, universe: "mine" });
    expect(r.universe).toEqual({ name: "mine", recorded: false, members: [{ ticker: "AAA", from: "2024-01-02T00:00:00.000Z", to: "2024-01-05T00:00:00.000Z" }] });
  });
});
