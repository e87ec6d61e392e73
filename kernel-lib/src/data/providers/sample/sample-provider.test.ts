import { describe, expect, it } from "vitest";
import { InvalidInput, NotFound } from "../../../errors.js";
import type { BarFrame } from "../../frame.js";
import { DAY_MS, formatIsoDate, parseIsoDate } from "../dates.js";
import { generateSampleSeries } from "./generator.js";
import { generateMarketFactor } from "./market-factor.js";
import { nyseTradingDays } from "./nyse-calendar.js";
import { SampleProvider } from "./sample-provider.js";
import { MARKET_FACTOR, SAMPLE_UNIVERSE } from "./universe.js";

const provider = new SampleProvider();
const tickers = provider.listTickers();
const full = new Map<string, BarFrame>();
for (const ticker of tickers) full.set(ticker, await provider.fetch({ ticker, interval: "1d" }));
const day = (iso: string) => parseIsoDate(iso);
const series = (ticker: string) => full.get(ticker)!;

/** Daily log returns of the adjusted close (continuous across splits and dividends). */
function logReturns(frame: BarFrame): number[] {
  const r: number[] = [];
  for (let i = 1; i < frame.ts.length; i++) r.push(Math.log(frame.adjClose[i] / frame.adjClose[i - 1]));
  return r;
}
const mean = (x: number[]) => x.reduce((a, b) => a + b, 0) / x.length;
function excessKurtosis(x: number[]): number {
  const m = mean(x);
  const v = mean(x.map((a) => (a - m) ** 2));
  return mean(x.map((a) => (a - m) ** 4)) / (v * v) - 3;
}
function autocorrelation(x: number[], lag: number): number {
  const m = mean(x);
  let num = 0;
  let den = 0;
  for (let i = 0; i < x.length; i++) {
    den += (x[i] - m) ** 2;
    if (i >= lag) num += (x[i] - m) * (x[i - lag] - m);
  }
  return num / den;
}
function correlation(a: number[], b: number[]): number {
  const [ma, mb] = [mean(a), mean(b)];
  let c = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < a.length; i++) {
    c += (a[i] - ma) * (b[i] - mb);
    va += (a[i] - ma) ** 2;
    vb += (b[i] - mb) ** 2;
  }
  return c / Math.sqrt(va * vb);
}
const indexOfDate = (frame: BarFrame, iso: string) => frame.ts.indexOf(day(iso));
const median = (x: number[]) => [...x].sort((a, b) => a - b)[x.length >> 1];

describe("sample universe", () => {
  it("has at least 8 tickers, all marked .SAMPLE", () => {
    expect(tickers.length).toBeGreaterThanOrEqual(8);
    expect(tickers.every((t) => t.endsWith(".SAMPLE"))).toBe(true);
    expect(new Set(tickers).size).toBe(tickers.length);
  });

  it("covers 2008-01-02 to 2025-12-31 (18 years) for every ticker", () => {
    for (const t of tickers) {
      const f = series(t);
      expect(formatIsoDate(f.ts[0])).toBe("2008-01-02");
      expect(formatIsoDate(f.ts[f.ts.length - 1])).toBe("2025-12-31");
      expect((f.ts[f.ts.length - 1] - f.ts[0]) / (365.25 * DAY_MS)).toBeGreaterThan(15);
      expect(f.interval).toBe("1d");
      expect(f.ticker).toBe(t);
    }
  });

  it("stamps bars at 00:00 UTC on NYSE trading days only", () => {
    const sessions = nyseTradingDays(day("2008-01-02"), day("2025-12-31"));
    for (const t of tickers) {
      const f = series(t);
      expect(Array.from(f.ts)).toEqual(sessions);
    }
    const dates = new Set(Array.from(series("ACME.SAMPLE").ts, formatIsoDate));
    // Independence Day, Thanksgiving, Good Friday, Juneteenth (observed), Sandy, Bush, Carter, a Saturday, a Sunday.
    for (const closed of ["2019-07-04", "2020-11-26", "2021-04-02", "2022-06-20", "2012-10-29", "2012-10-30", "2018-12-05", "2025-01-09", "2024-01-06", "2024-01-07"]) {
      expect(dates.has(closed), closed).toBe(false);
    }
    for (const open of ["2019-07-05", "2021-12-31", "2022-06-21"]) expect(dates.has(open), open).toBe(true);
  });

  it("has consistent OHLCV on every bar", () => {
    for (const t of tickers) {
      const f = series(t);
      for (let i = 0; i < f.ts.length; i++) {
        const [o, h, l, c, v] = [f.open[i], f.high[i], f.low[i], f.close[i], f.volume[i]];
        const where = `${t} ${formatIsoDate(f.ts[i])}`;
        if (!(h >= Math.max(o, c) && l <= Math.min(o, c) && l > 0 && f.adjClose[i] > 0)) expect.fail(`bad OHLC at ${where}`);
        if (!(Number.isInteger(v) && v > 0)) expect.fail(`bad volume ${v} at ${where}`);
        if (i > 0 && !(f.ts[i] > f.ts[i - 1])) expect.fail(`time not increasing at ${where}`);
      }
    }
  });
});

describe("splits and dividends", () => {
  const splits = SAMPLE_UNIVERSE.flatMap((s) => s.splits.map((sp) => ({ ticker: s.ticker, ...sp })));

  it("has at least one split, including 2-for-1, 4-for-1 and a reverse split", () => {
    expect(splits.map((s) => s.ratio)).toEqual(expect.arrayContaining([2, 4, 0.1]));
  });

  it.each(splits)("$ticker $date ($ratio): the raw close jumps, the adjusted close does not, volume scales", ({ ticker, date, ratio }) => {
    const f = series(ticker);
    const i = indexOfDate(f, date);
    expect(i).toBeGreaterThan(20);
    const rawMove = f.close[i] / f.close[i - 1];
    const adjMove = f.adjClose[i] / f.adjClose[i - 1];
    // The adjusted move is an ordinary day; the raw move is that day divided by the ratio.
    expect(Math.abs(Math.log(adjMove))).toBeLessThan(0.25);
    expect(rawMove * ratio).toBeCloseTo(adjMove, 3);
    const before = median(Array.from(f.volume.subarray(i - 20, i)));
    const after = median(Array.from(f.volume.subarray(i, i + 20)));
    expect(after / before).toBeGreaterThan(ratio / 2.5);
    expect(after / before).toBeLessThan(ratio * 2.5);
  });

  it("ends with adjClose equal to close, and adjusts earlier bars for splits", () => {
    for (const t of tickers) {
      const f = series(t);
      const last = f.ts.length - 1;
      expect(f.adjClose[last]).toBeCloseTo(f.close[last], 6);
    }
    // NOVA split 2:1 then 4:1 and pays no dividend, so its first bars are adjusted by 1/8.
    const nova = series("NOVA.SAMPLE");
    expect(nova.adjClose[0] / nova.close[0]).toBeCloseTo(1 / 8, 3);
  });

  it("adjusts for a dividend payer's quarterly dividends: 72 ex-dates, each about yield/4", () => {
    const f = series("VOLT.SAMPLE");
    const spec = SAMPLE_UNIVERSE.find((s) => s.ticker === "VOLT.SAMPLE")!;
    // adjClose/close rises at each ex-date (earlier bars scaled down), by about yield/payments.
    const ratio = (i: number) => f.adjClose[i] / f.close[i];
    let steps = 0;
    for (let i = 1; i < f.ts.length; i++) {
      const step = ratio(i) / ratio(i - 1) - 1;
      if (step > 1e-4) {
        steps++;
        expect(step).toBeGreaterThan(spec.dividends!.annualYield / 4 / 2);
        expect(step).toBeLessThan(spec.dividends!.annualYield / 4 * 2);
      }
    }
    expect(steps).toBe(18 * 4); // February, May, August and November of 2008–2025
  });
});

describe("stylized facts of the generated returns", () => {
  it.each(tickers)("%s: fat tails, volatility clustering, no linear predictability, volume follows |return|", (t) => {
    const f = series(t);
    const r = logReturns(f);
    const absR = r.map(Math.abs);
    expect(excessKurtosis(r)).toBeGreaterThan(1);
    for (let lag = 1; lag <= 5; lag++) {
      expect(autocorrelation(absR, lag), `|r| lag ${lag}`).toBeGreaterThan(0.05);
      expect(Math.abs(autocorrelation(r, lag)), `r lag ${lag}`).toBeLessThan(0.1);
    }
    const logVolume = Array.from(f.volume.subarray(1), Math.log);
    expect(correlation(logVolume, absR)).toBeGreaterThan(0.1);
  });

  it("moves together through the market factor (positive correlation with the index fund, except bonds)", () => {
    const market = logReturns(series("MKT.SAMPLE"));
    expect(correlation(logReturns(series("ACME.SAMPLE")), market)).toBeGreaterThan(0.5);
    expect(correlation(logReturns(series("YLD.SAMPLE")), market)).toBeLessThan(0.1);
  });

  it("is about twice as volatile inside the 2008 stress window as outside", () => {
    const f = series("MKT.SAMPLE");
    const r = logReturns(f);
    const sd = (x: number[]) => Math.sqrt(mean(x.map((a) => (a - mean(x)) ** 2)));
    const from = indexOfDate(f, "2008-09-15");
    const to = indexOfDate(f, "2009-03-09");
    const calm = r.slice(indexOfDate(f, "2013-01-02"), indexOfDate(f, "2019-12-31"));
    expect(sd(r.slice(from, to)) / sd(calm)).toBeGreaterThan(1.6);
  });
});

describe("determinism and slicing", () => {
  it("generates the same series twice from the same seed, and another from another seed", () => {
    const days = nyseTradingDays(day("2008-01-02"), day("2012-12-31"));
    const spec = SAMPLE_UNIVERSE[2];
    const a = generateSampleSeries(spec, 42, days, generateMarketFactor(MARKET_FACTOR, 42, days));
    const b = generateSampleSeries(spec, 42, days, generateMarketFactor(MARKET_FACTOR, 42, days));
    const c = generateSampleSeries(spec, 7, days, generateMarketFactor(MARKET_FACTOR, 7, days));
    expect(b).toEqual(a);
    expect(Array.from(c.close)).not.toEqual(Array.from(a.close));
  });

  it("gives equal bars to two providers and two calls", async () => {
    const again = await new SampleProvider({ seed: 42 }).fetch({ ticker: "NOVA.SAMPLE", interval: "1d" });
    expect(again).toEqual(series("NOVA.SAMPLE"));
  });

  it("returns exactly the matching rows of the full series for a sub-range, bounds inclusive", async () => {
    const f = series("BANK.SAMPLE");
    const start = day("2011-05-02");
    const end = day("2011-05-13");
    const part = await provider.fetch({ ticker: "BANK.SAMPLE", interval: "1d", start, end });
    const i = indexOfDate(f, "2011-05-02");
    const j = indexOfDate(f, "2011-05-13");
    expect(part.ts.length).toBe(j - i + 1);
    for (const c of ["ts", "open", "high", "low", "close", "adjClose", "volume"] as const) {
      expect(Array.from(part[c])).toEqual(Array.from(f[c].subarray(i, j + 1)));
    }
    expect(part.skipped).toEqual([]);
  });

  it("starts a range on a holiday at the next session, and returns nothing for a range without sessions", async () => {
    const fromHoliday = await provider.fetch({ ticker: "ACME.SAMPLE", interval: "1d", start: day("2019-07-04"), end: day("2019-07-08") });
    expect(Array.from(fromHoliday.ts, formatIsoDate)).toEqual(["2019-07-05", "2019-07-08"]);
    const weekend = await provider.fetch({ ticker: "ACME.SAMPLE", interval: "1d", start: day("2024-01-06"), end: day("2024-01-07") });
    expect(weekend.ts.length).toBe(0);
    const future = await provider.fetch({ ticker: "ACME.SAMPLE", interval: "1d", start: day("2030-01-01") });
    expect(future.ts.length).toBe(0);
  });

  it("hands out copies: changing a result does not change the next one", async () => {
    const a = await provider.fetch({ ticker: "TINY.SAMPLE", interval: "1d", end: day("2008-01-31") });
    const original = a.close[0];
    a.close[0] = -1;
    const b = await provider.fetch({ ticker: "TINY.SAMPLE", interval: "1d", end: day("2008-01-31") });
    expect(b.close[0]).toBe(original);
  });

  it("honours the start and tickers settings", async () => {
    const p = new SampleProvider({ start: "2015-06-01", tickers: ["MKT.SAMPLE", "ACME.SAMPLE"] });
    expect(p.listTickers()).toEqual(["MKT.SAMPLE", "ACME.SAMPLE"]);
    const f = await p.fetch({ ticker: "ACME.SAMPLE", interval: "1d" });
    expect(formatIsoDate(f.ts[0])).toBe("2015-06-01");
    // ACME's 2014 split predates this start: no raw jump, and the series still ends with adjClose = close.
    expect(f.adjClose[f.ts.length - 1]).toBeCloseTo(f.close[f.ts.length - 1], 6);
    await expect(p.fetch({ ticker: "NOVA.SAMPLE", interval: "1d" })).rejects.toBeInstanceOf(NotFound);
  });
});

describe("bad input", () => {
  it("refuses an unknown ticker with NotFound listing the sample tickers", async () => {
    const error = await provider.fetch({ ticker: "AAPL", interval: "1d" }).catch((e) => e);
    expect(error).toBeInstanceOf(NotFound);
    expect(error.message).toContain("ACME.SAMPLE");
    expect(error.message).toContain("MKT.SAMPLE");
  });

  it("refuses intraday intervals, bad tickers and inverted ranges with InvalidInput", async () => {
    await expect(provider.fetch({ ticker: "ACME.SAMPLE", interval: "5m" })).rejects.toThrow(/daily bars only/);
    await expect(provider.fetch({ ticker: "ACME;DROP TABLE", interval: "1d" })).rejects.toBeInstanceOf(InvalidInput);
    await expect(
      provider.fetch({ ticker: "ACME.SAMPLE", interval: "1d", start: day("2020-02-01"), end: day("2020-01-01") }),
    ).rejects.toThrow(/start 2020-02-01 is after end 2020-01-01/);
    // biome-ignore lint/suspicious/noExplicitAny: deliberately wrong input from untyped callers
    await expect(provider.fetch({ ticker: "ACME.SAMPLE", interval: "2d" as any })).rejects.toBeInstanceOf(InvalidInput);
  });

  it("refuses bad settings", () => {
    expect(() => new SampleProvider({ tickers: ["NOPE.SAMPLE"] })).toThrow(/Unknown sample ticker\(s\).*NOPE\.SAMPLE/);
    expect(() => new SampleProvider({ start: "2008-13-01" })).toThrow(InvalidInput);
    expect(() => new SampleProvider({ start: "2026-06-01" })).toThrow(/ends on 2025-12-31/);
  });
});
