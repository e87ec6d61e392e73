import { describe, expect, it } from "vitest";
import { parseIsoDate } from "../../dates.js";
import { tickerSchema } from "../../ticker.js";
import { isNyseTradingDay } from "../nyse-calendar.js";
import { SAMPLE_UNIVERSE } from "../universe.js";
import { SAMPLE500_UNIVERSE } from "./index.js";
import { SAMPLE500_SECTORS } from "./sectors.js";
import { sample500Tickers } from "./tickers.js";

const universe = sample500Tickers();
const years = (a: string, b: string) => (parseIsoDate(b) - parseIsoDate(a)) / (365.25 * 86_400_000);

describe("the sample500 ticker table", () => {
  it("has 500 distinct valid .SAMPLE tickers, none of them one of the ten original ones", () => {
    expect(universe).toHaveLength(500);
    expect(new Set(universe.map((t) => t.ticker)).size).toBe(500);
    const originals = new Set(SAMPLE_UNIVERSE.map((s) => s.ticker));
    for (const { ticker } of universe) {
      expect(tickerSchema.safeParse(ticker).success, ticker).toBe(true);
      expect(ticker.endsWith(".SAMPLE")).toBe(true);
      expect(originals.has(ticker), ticker).toBe(false);
    }
  });

  it("spreads the tickers over the ten sectors", () => {
    expect(SAMPLE500_SECTORS).toHaveLength(10);
    for (const sector of SAMPLE500_SECTORS) {
      const members = universe.filter((t) => t.sector === sector).length;
      expect(members, sector).toBeGreaterThanOrEqual(20);
    }
  });

  it("lists 80% on 2005-01-03 and the rest later (IPOs), on trading days", () => {
    const first = universe.filter((t) => t.listed === "2005-01-03").length;
    expect(first / 500).toBeGreaterThan(0.72);
    expect(first / 500).toBeLessThan(0.88);
    for (const t of universe) {
      expect(isNyseTradingDay(parseIsoDate(t.listed)), t.listed).toBe(true);
      expect(t.listed >= "2005-01-03" && t.listed <= "2024-01-01", t.listed).toBe(true);
    }
  });

  it("delists one ticker in ten, at least two years after listing, on a trading day", () => {
    const delisted = universe.filter((t) => t.delisted !== undefined);
    expect(delisted).toHaveLength(50);
    for (const t of delisted) {
      expect(isNyseTradingDay(parseIsoDate(t.delisted!)), t.delisted).toBe(true);
      expect(years(t.listed, t.delisted!)).toBeGreaterThan(1.9);
      expect(t.delisted! < "2025-12-31").toBe(true);
    }
    // A listed ticker has no `delisted` key at all (membership open to the end).
    expect(universe.filter((t) => "delisted" in t)).toHaveLength(50);
  });

  it("is deterministic: the same names for every seed, the same table for the same seed", () => {
    expect(sample500Tickers(42)).toEqual(universe);
    expect(SAMPLE500_UNIVERSE).toEqual(universe);
    const other = sample500Tickers(7);
    expect(other.map((t) => t.ticker)).toEqual(universe.map((t) => t.ticker));
    expect(other).not.toEqual(universe);
  });
});
