import { describe, expect, it } from "vitest";
import { type Bar, frameFromBars } from "../frame.js";
import { evaluateRule, rebalanceDates, selectionsToSpells } from "./rule.js";
import { ruleDefinitionSchema } from "./schema.js";

const DAY = 86_400_000;
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function frame(ticker: string, start: string, n: number, volume: (ts: number) => number, close = 10) {
  const rows: Bar[] = Array.from({ length: n }, (_, i) => {
    const ts = day(start) + i * DAY;
    return { ts, open: close, high: close, low: close, close, adjClose: close, volume: volume(ts) };
  });
  return frameFromBars(ticker, "1d", rows);
}

describe("rule universes", () => {
  it("rebalances on the first trading date of each week, month or quarter", () => {
    // 2024-01-01 is a Monday; weekends are left out as a market calendar would
    const dates = Array.from({ length: 120 }, (_, i) => day("2024-01-01") + i * DAY).filter((d) => ![0, 6].includes(new Date(d).getUTCDay()));
    expect(rebalanceDates(dates, "monthly").map(iso)).toEqual(["2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01"]);
    expect(rebalanceDates(dates, "quarterly").map(iso)).toEqual(["2024-01-01", "2024-04-01"]);
    const weekly = rebalanceDates(dates, "weekly").map(iso);
    expect(weekly.slice(0, 3)).toEqual(["2024-01-01", "2024-01-08", "2024-01-15"]);
    expect(weekly.every((d) => new Date(d).getUTCDay() === 1)).toBe(true);
  });

  it("never reads a bar after the rebalance date", () => {
    // the mean, so one spike would move the ranking if it were read
    const rule = ruleDefinitionSchema.parse({ kind: "rule", top: 1, window: 3, by: "mean_dollar_volume" });
    const calm = frame("CALM", "2024-01-01", 60, () => 100);
    const quiet = (ts: number) => (ts === day("2024-02-02") ? 1e12 : 1);
    const before = evaluateRule(rule, [calm, frame("LATE", "2024-01-01", 60, () => 1)]);
    const after = evaluateRule(rule, [calm, frame("LATE", "2024-01-01", 60, quiet)]);
    // the spike on Feb 2 cannot move the Feb 1 choice (and is out of the window by Mar 1)
    expect(after.find((s) => s.date === day("2024-02-01"))?.tickers).toEqual(["CALM"]);
    expect(after).toEqual(before);
    // a spike on the rebalance date itself counts (bars up to and including that date)
    const onTheDay = evaluateRule(rule, [calm, frame("LATE", "2024-01-01", 60, (ts) => (ts === day("2024-02-01") ? 1e12 : 1))]);
    expect(onTheDay.find((s) => s.date === day("2024-02-01"))?.tickers).toEqual(["LATE"]);
  });

  it("drops delisted tickers, needs a full window and a price floor, and turns choices into spells", () => {
    const rule = ruleDefinitionSchema.parse({ kind: "rule", top: 2, window: 5, minPrice: 5 });
    const frames = [
      frame("BIG", "2024-01-01", 91, () => 1000),
      // delisted mid-February: no bar on Mar 1, so not chosen then, although its volume was the highest
      frame("GONE", "2024-01-01", 45, () => 1e6),
      frame("SMALL", "2024-01-01", 91, () => 10),
      frame("CHEAP", "2024-01-01", 91, () => 1e9, 1),
      // listed on Jan 29: four bars by Feb 1 is less than the window
      frame("NEW", "2024-01-29", 40, () => 1e5),
    ];
    const selections = evaluateRule(rule, frames);
    expect(selections.map((s) => [iso(s.date), s.tickers])).toEqual([
      ["2024-01-01", []],
      ["2024-02-01", ["GONE", "BIG"]],
      ["2024-03-01", ["NEW", "BIG"]],
    ]);
    const spells = selectionsToSpells(selections, day("2024-03-31"));
    expect(spells.map((s) => [s.ticker, iso(s.from), s.to === null ? null : iso(s.to)])).toEqual([
      ["GONE", "2024-02-01", "2024-02-29"],
      ["BIG", "2024-02-01", "2024-03-31"],
      ["NEW", "2024-03-01", "2024-03-31"],
    ]);
    expect(selectionsToSpells(selections).at(-1)?.to).toBeNull();
  });

  it("refuses unknown fields and impossible values", () => {
    expect(() => ruleDefinitionSchema.parse({ kind: "rule", top: 5, windows: 60 })).toThrow(/Unrecognized key.*windows/);
    expect(() => ruleDefinitionSchema.parse({ kind: "rule", top: 0 })).toThrow();
    expect(() => ruleDefinitionSchema.parse({ kind: "rule", top: 5, by: "market_cap" })).toThrow(/median_dollar_volume/);
    expect(() => ruleDefinitionSchema.parse({ kind: "rule", top: 5, start: "2024-02-01", end: "2024-01-01" })).toThrow(/start must not be after end/);
  });
});
