import { describe, expect, it } from "vitest";
import { parseMembershipCsv } from "./csv.js";

describe("membership CSVs", () => {
  it("reads ticker,from,to in any column order, with an empty to", () => {
    const { spells, sources } = parseMembershipCsv("\uFEFFFrom,Ticker,To\r\n2020-01-01,AAA,2020-12-31\r\n\r\n2021-01-01,\"BBB\",\r\n", "m.csv");
    expect(spells).toEqual([
      { ticker: "AAA", from: Date.UTC(2020, 0, 1), to: Date.UTC(2020, 11, 31) },
      { ticker: "BBB", from: Date.UTC(2021, 0, 1), to: null },
    ]);
    expect(sources.map((s) => s.where)).toEqual(["line 2 of m.csv", "line 4 of m.csv"]);
  });

  it("names the line and the fix of every bad row", () => {
    expect(() => parseMembershipCsv("ticker,from\nAAA,2020-01-01\n", "m.csv")).toThrow(/m\.csv, line 1: the header 'ticker,from' has no to column/);
    expect(() => parseMembershipCsv("symbol,start,end\nAAA,1/4/2020,\nBB B,2020-01-01,\nCCC,2020-01-01\n", "m.csv")).toThrow(
      /line 2: from '1\/4\/2020' is not a date: use YYYY-MM-DD; line 3: 'BB B' is not a valid ticker.*; line 4: 2 fields where the header has 3/,
    );
    expect(() => parseMembershipCsv("", "m.csv")).toThrow(/m\.csv is empty/);
    expect(() => parseMembershipCsv("ticker,from,to\n", "m.csv")).toThrow(/no memberships/);
  });
});
