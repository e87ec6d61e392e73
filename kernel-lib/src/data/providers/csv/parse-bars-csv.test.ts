import { describe, expect, it } from "vitest";
import { InvalidInput } from "../../../errors.js";
import { parseIsoDate } from "../dates.js";
import { splitCsvLine } from "./csv-line.js";
import { detectColumns, normalizeHeaderName } from "./csv-header.js";
import { parseBarsCsv, parseCsvDate } from "./parse-bars-csv.js";

const source = { file: "/tmp/bars.csv", ticker: "ABC", interval: "1d" as const };
const parse = (text: string) => parseBarsCsv(text, source);
const errorOf = (text: string): InvalidInput => {
  try {
    parse(text);
  } catch (e) {
    return e as InvalidInput;
  }
  throw new Error("expected an error");
};

describe("splitCsvLine", () => {
  it("splits plain and quoted fields", () => {
    expect(splitCsvLine("a,b,,c")).toEqual(["a", "b", "", "c"]);
    expect(splitCsvLine('"2024-01-02","1,5",x')).toEqual(["2024-01-02", "1,5", "x"]);
    expect(splitCsvLine('"say ""hi""",2')).toEqual(['say "hi"', "2"]);
  });
  it("reports an unclosed quote", () => {
    expect(splitCsvLine('"open,1')).toEqual({ error: "a quoted field is not closed" });
  });
});

describe("header detection", () => {
  it("normalizes names: case, spaces, underscores", () => {
    expect(normalizeHeaderName("  Adj Close ")).toBe("adjclose");
    expect(normalizeHeaderName("ADJ_CLOSE")).toBe("adjclose");
  });
  it("recognises Yahoo's layout and the plain layout in any column order", () => {
    expect(detectColumns(["Date", "Open", "High", "Low", "Close", "Adj Close", "Volume"])).toMatchObject({
      layout: "yahoo",
      adjClose: 5,
      volume: 6,
    });
    expect(detectColumns(["volume", "close", "low", "high", "open", "date"])).toMatchObject({
      layout: "plain",
      date: 5,
      adjClose: undefined,
    });
  });
  it("names the missing or repeated columns", () => {
    expect(detectColumns(["date", "open", "high", "close"])).toEqual({ error: expect.stringMatching(/lacks the column\(s\) low, volume/) });
    expect(detectColumns(["date", "open", "high", "low", "close", "volume", "Close"])).toEqual({
      error: expect.stringMatching(/close column twice/),
    });
  });
});

describe("parseCsvDate", () => {
  it("reads dates at 00:00 UTC and ISO date-times, zone-less as UTC", () => {
    expect(parseCsvDate("2024-01-02")).toBe(Date.UTC(2024, 0, 2));
    expect(parseCsvDate("2024-01-02T14:30:00Z")).toBe(Date.UTC(2024, 0, 2, 14, 30));
    expect(parseCsvDate("2024-01-02 14:30")).toBe(Date.UTC(2024, 0, 2, 14, 30));
    expect(parseCsvDate("2024-01-02T09:30:00-05:00")).toBe(Date.UTC(2024, 0, 2, 14, 30));
    expect(parseCsvDate("2024-01-02T09:30:00.250-0500")).toBe(Date.UTC(2024, 0, 2, 14, 30, 0, 250));
  });
  it("rejects non-dates and impossible dates", () => {
    for (const bad of ["01/02/2024", "2024-02-30", "2024-01-02T25:00", "yesterday", ""]) expect(parseCsvDate(bad), bad).toBeNaN();
  });
});

describe("parseBarsCsv", () => {
  it("reads Yahoo's download layout, skipping and reporting its null rows", () => {
    const text = [
      "Date,Open,High,Low,Close,Adj Close,Volume",
      "2024-01-02,187.15,188.44,183.89,185.64,184.73,82488700",
      "2024-01-03,null,null,null,null,null,null",
      "2024-01-04,182.15,183.09,180.88,181.91,181.02,71983600",
      "",
    ].join("\r\n");
    const { frame, layout } = parse(text);
    expect(layout).toBe("yahoo");
    expect(Array.from(frame.ts)).toEqual([parseIsoDate("2024-01-02"), parseIsoDate("2024-01-04")]);
    expect(Array.from(frame.adjClose)).toEqual([184.73, 181.02]);
    expect(Array.from(frame.volume)).toEqual([82488700, 71983600]);
    expect(frame.skipped).toEqual([{ line: 3, ts: parseIsoDate("2024-01-03"), reason: expect.stringContaining("null") }]);
    expect(frame.ticker).toBe("ABC");
  });

  it("reads the plain layout with adjusted close equal to close, whatever the header case", () => {
    const { frame, layout } = parse("\uFEFF DATE , Open,HIGH,low,CLOSE,Volume\n2024-01-02,10,11,9,10.5,1000\n2024-01-03,10.5,12,10,11.5,2000\n");
    expect(layout).toBe("plain");
    expect(Array.from(frame.close)).toEqual([10.5, 11.5]);
    expect(Array.from(frame.adjClose)).toEqual([10.5, 11.5]);
    expect(Array.from(frame.open)).toEqual([10, 10.5]);
    expect(Array.from(frame.high)).toEqual([11, 12]);
    expect(Array.from(frame.low)).toEqual([9, 10]);
  });

  it("sorts rows that come newest first", () => {
    const { frame } = parse("date,open,high,low,close,volume\n2024-01-03,2,2,2,2,2\n2024-01-02,1,1,1,1,1\n");
    expect(Array.from(frame.close)).toEqual([1, 2]);
  });

  it("refuses a repeated date, naming both lines", () => {
    const e = errorOf("date,open,high,low,close,volume\n2024-01-02,1,1,1,1,1\n2024-01-03,2,2,2,2,2\n2024-01-02,3,3,3,3,3\n");
    expect(e).toBeInstanceOf(InvalidInput);
    expect(e.message).toBe(
      "Cannot import /tmp/bars.csv, line 4: it repeats the date 2024-01-02 of line 2; keep one row per date.",
    );
  });

  it("names the file, line and column of a malformed number", () => {
    const e = errorOf("date,open,high,low,close,volume\n2024-01-02,1,1,1,1,1\n2024-01-03,1,1,abc,1,1\n");
    expect(e.message).toBe("Cannot import /tmp/bars.csv, line 3: column 'low' is not a number: 'abc'.");
    expect(e.details).toEqual([{ path: "line 3", message: "column 'low' is not a number: 'abc'" }]);
    expect(errorOf("date,open,high,low,close,volume\n2024-01-02,1,1,1,,1\n").message).toContain("line 2: column 'close' is not a number: ''");
    expect(errorOf("date,open,high,low,close,volume\n2024-01-02,0x10,1,1,1,1\n").message).toContain("line 2: column 'open'");
  });

  it("names the line of a bad date, a wrong field count and an unclosed quote", () => {
    expect(errorOf("date,open,high,low,close,volume\n\n02/01/2024,1,1,1,1,1\n").message).toContain("line 3: '02/01/2024' is not a date");
    expect(errorOf("date,open,high,low,close,volume\n2024-01-02,1,1,1,1\n").message).toContain("line 2: it has 5 field(s) but the header has 6");
    expect(errorOf('date,open,high,low,close,volume\n"2024-01-02,1,1,1,1,1\n').message).toContain("line 2: a quoted field is not closed");
  });

  it("names what the header lacks, and refuses empty or binary files", () => {
    expect(errorOf("Date,Open,High,Low,Price,Volume\n").message).toMatch(/line 1: the header lacks the column\(s\) close; expected Yahoo's download layout/);
    expect(errorOf("\n\n").message).toContain("the file is empty");
    expect(errorOf("date,open,high,low,close,volume\n").message).toContain("has a header but no rows");
    expect(errorOf("PK\u0003\u0004\u0000\u0000").message).toContain("not a text CSV file");
  });
});
