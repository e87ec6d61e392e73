import { describe, expect, it } from "vitest";
import { InvalidInput } from "../../errors.js";
import { backtest } from "./run.js";

const DAY = 86_400_000;
const f64 = (values: number[]) => Float64Array.from(values);
const daily = (n: number) => Float64Array.from({ length: n }, (_, t) => Date.UTC(2024, 0, 1) + t * DAY);

// Bars:     0     1     2     3     4
// close:  100   110    99    99  108.9
// r[t]:     —   +0.1  −0.1    0   +0.1
const close = f64([100, 110, 99, 99, 108.9]);
const ts = daily(5);
const prediction = f64([1, -1, 1, -1, 1]);
const YEARS = 4 / 252; // 4 daily returns

describe("backtest, long/short, 10 bps, hand-computed", () => {
  // decisions +1 −1 +1 −1 (+1 never held); held over bars 1..4: +1 −1 +1 −1; |Δpos| = 1, 2, 2, 2
  // s1 = +1·0.1 − 0.001·1 = 0.099      s2 = −1·(−0.1) − 0.001·2 = 0.098
  // s3 = +1·0 − 0.002 = −0.002          s4 = −1·0.1 − 0.002 = −0.102
  // equity: 1, 1.099, 1.206702, 1.204288596, 1.081451159208
  const r = backtest({ ts, prediction, close }, { rule: "long_short", costBps: 10, interval: "1d" });
  const s = r.strategy;
  const mean = 0.093 / 4; // (0.099 + 0.098 − 0.002 − 0.102) / 4 = 0.02325
  const std = Math.sqrt(0.02765075 / 3); // Σ(s − mean)² = 0.07575² + 0.07475² + 0.02525² + 0.12525² = 0.02765075
  const downside = Math.sqrt((0.002 ** 2 + 0.102 ** 2) / 4); // over all 4 bars
  const cagr = 1.081451159208 ** (1 / YEARS) - 1;

  it("holds each decision over the next bar", () => {
    expect(Array.from(r.decision)).toEqual([1, -1, 1, -1, 1]);
    expect(Array.from(r.position)).toEqual([0, 1, -1, 1, -1]);
    const expected = [0, 0.099, 0.098, -0.002, -0.102];
    for (let t = 0; t < 5; t++) expect(r.strategyReturns[t]).toBeCloseTo(expected[t], 15);
    const equity = [1, 1.099, 1.206702, 1.204288596, 1.081451159208];
    for (let t = 0; t < 5; t++) expect(r.equity[t]).toBeCloseTo(equity[t], 12);
  });

  it("return, CAGR, volatility, Sharpe, Sortino", () => {
    expect(s.bars).toBe(4);
    expect(s.years).toBeCloseTo(YEARS, 15);
    expect(s.totalReturn).toBeCloseTo(0.081451159208, 12);
    expect(s.cagr).toBeCloseTo(cagr, 9);
    expect(s.annualVolatility).toBeCloseTo(std * Math.sqrt(252), 12);
    expect(s.sharpe).toBeCloseTo((mean / std) * Math.sqrt(252), 12);
    expect(s.sortino).toBeCloseTo((mean / downside) * Math.sqrt(252), 12);
  });

  it("max drawdown from the peak on bar 2, not recovered: 1 − 0.998 · 0.898 over 2 bars / 2 days", () => {
    expect(s.maxDrawdown).toBeCloseTo(1 - 0.998 * 0.898, 12);
    expect(s.maxDrawdownBars).toBe(2);
    expect(s.maxDrawdownDays).toBe(2);
    expect(s.maxDrawdownRecovered).toBe(false);
    expect(s.calmar).toBeCloseTo(cagr / (1 - 0.998 * 0.898), 9);
  });

  it("hit rate of bars in the market, turnover per year, exposure, costs", () => {
    expect(s.hitRate).toBe(0.5); // in the market on 4 bars, net return > 0 on bars 1 and 2
    expect(s.turnover).toBeCloseTo(7 / YEARS, 9); // Σ|Δpos| = 1 + 2 + 2 + 2 = 7 → 7 × 63 = 441 a year
    expect(s.trades).toBe(4);
    expect(s.exposure).toBe(1);
    expect(s.costs).toBeCloseTo(0.007, 15);
  });

  it("buy-and-hold over the same bars pays one entry: 1.099 · 0.9 · 1 · 1.1 = 1.08801", () => {
    const b = r.buyAndHold;
    expect(b.totalReturn).toBeCloseTo(0.08801, 12);
    expect(Array.from(r.buyAndHoldReturns).map((v) => +v.toFixed(12))).toEqual([0, 0.099, -0.1, 0, 0.1]);
    expect(b.maxDrawdown).toBeCloseTo(0.1, 12); // 1.099 → 0.9891
    expect(b.maxDrawdownBars).toBe(3); // peak on bar 1, never back to 1.099
    expect(b.exposure).toBe(1);
    expect(b.turnover).toBeCloseTo(1 / YEARS, 9);
    expect(b.hitRate).toBe(0.5); // bars 1 and 4 of 4
  });
});

describe("backtest, long/flat, hand-computed", () => {
  it("is flat when the signal is not above the threshold", () => {
    // held over bars 1..4: 1 0 1 0; every bar changes the position: cost 0.001 each
    // s = 0.099, −0.001, −0.001, −0.001 → equity end = 1.099 · 0.999³ = 1.095706295901
    const r = backtest({ ts, prediction, close }, { rule: "long_flat", costBps: 10, interval: "1d" });
    expect(Array.from(r.position)).toEqual([0, 1, 0, 1, 0]);
    expect(r.strategy.totalReturn).toBeCloseTo(0.095706295901, 12);
    expect(r.strategy.exposure).toBe(0.5);
    expect(r.strategy.hitRate).toBe(0.5); // in the market on bars 1 (+0.099) and 3 (−0.001)
    expect(r.strategy.turnover).toBeCloseTo(4 / YEARS, 9);
    expect(r.strategy.maxDrawdown).toBeCloseTo(1 - 0.999 ** 3, 12);
    expect(r.strategy.maxDrawdownBars).toBe(3);
  });

  it("uses the threshold: probabilities against 0.5, equal means flat (long/short too)", () => {
    const p = f64([0.7, 0.5, 0.2, 0.9, 0.1]);
    expect(Array.from(backtest({ ts, prediction: p, close }, { rule: "long_flat", threshold: 0.5, interval: "1d" }).decision)).toEqual([1, 0, 0, 1, 0]);
    expect(Array.from(backtest({ ts, prediction: p, close }, { rule: "long_short", threshold: 0.5, interval: "1d" }).decision)).toEqual([
      1, 0, -1, 1, -1,
    ]);
  });

  it("a missing prediction holds no position and is counted", () => {
    const r = backtest({ ts, prediction: f64([Number.NaN, 1, Number.NaN, 1, 1]), close }, { rule: "long_short", interval: "1d" });
    expect(Array.from(r.position)).toEqual([0, 0, 1, 0, 1]);
    expect(r.missingSignals).toBe(2);
  });
});

describe("the next-bar rule", () => {
  // A signal that knows bar t's own return (legitimately: it is known at the close of bar t).
  // If the position earned that same bar's return, every bar would win |r[t]|.
  const r = f64([Number.NaN, 0.1, -0.1, 0, 0.1]);

  it("a same-bar signal is traded one bar later, and earns less than same-bar execution would", () => {
    const result = backtest({ ts, prediction: r, close }, { rule: "long_short", interval: "1d" });
    // decisions: NaN→0, +1, −1, 0 (r = 0 is exactly the threshold), (+1 never held)
    // held over bars 1..4: 0, +1, −1, 0 → s = 0, −0.1, 0, 0 → equity end 0.9
    expect(Array.from(result.position)).toEqual([0, 0, 1, -1, 0]);
    expect(result.strategy.totalReturn).toBeCloseTo(-0.1, 15);
    // same-bar execution would be (1.1)(1.1)(1)(1.1) − 1 = 0.331: we must not get it
    const sameBar = 1.1 * 1.1 * 1 * 1.1 - 1;
    expect(result.strategy.totalReturn).toBeLessThan(sameBar);
    expect(Math.abs(result.strategy.totalReturn - sameBar)).toBeGreaterThan(0.4);
  });

  it("shifting is exactly one bar: a signal of the NEXT bar's return earns every move", () => {
    // prediction[t] = r[t + 1] (foresight, shifted by hand) → held over bar t+1 = sign(r[t+1])
    const next = f64([0.1, -0.1, 0, 0.1, Number.NaN]);
    const result = backtest({ ts, prediction: next, close }, { rule: "long_short", interval: "1d" });
    expect(Array.from(result.position)).toEqual([0, 1, -1, 0, 1]);
    expect(result.strategy.totalReturn).toBeCloseTo(1.1 * 1.1 * 1 * 1.1 - 1, 12);
    for (let t = 1; t < 5; t++) expect(result.position[t]).toBe(result.decision[t - 1]);
  });
});

describe("backtest inputs and annualization", () => {
  it("returns instead of close give the same result", () => {
    const a = backtest({ ts, prediction, close }, { rule: "long_short", costBps: 5, interval: "1d" });
    const b = backtest({ ts, prediction, returns: f64([Number.NaN, 0.1, -0.1, 0, 0.1]) }, { rule: "long_short", costBps: 5, interval: "1d" });
    expect(b.strategy.totalReturn).toBeCloseTo(a.strategy.totalReturn, 12);
    expect(b.strategy.sharpe).toBeCloseTo(a.strategy.sharpe, 9);
  });

  it("annualizes by the interval, or by an explicit periodsPerYear", () => {
    const daily = backtest({ ts, prediction, close }, { rule: "long_short", interval: "1d" }).strategy;
    const hourly = backtest({ ts, prediction, close }, { rule: "long_short", interval: "1h" }).strategy;
    // same bars, 6.5× as many per year: volatility and Sharpe scale by √6.5, years by 1/6.5
    expect(hourly.annualVolatility / daily.annualVolatility).toBeCloseTo(Math.sqrt(6.5), 12);
    expect(hourly.sharpe / daily.sharpe).toBeCloseTo(Math.sqrt(6.5), 12);
    expect(daily.years / hourly.years).toBeCloseTo(6.5, 12);
    const custom = backtest({ ts, prediction, close }, { rule: "long_short", periodsPerYear: 252 }).strategy;
    expect(custom.sharpe).toBe(daily.sharpe);
  });

  it("takes the risk-free rate out of Sharpe and Sortino, per bar by compounding", () => {
    const rf = 0.05;
    const rfBar = 1.05 ** (1 / 252) - 1;
    const base = backtest({ ts, prediction, close }, { rule: "long_short", interval: "1d" }).strategy;
    const withRf = backtest({ ts, prediction, close }, { rule: "long_short", interval: "1d", riskFree: rf }).strategy;
    // same std, mean lowered by rfBar
    expect(withRf.sharpe).toBeCloseTo(base.sharpe - (rfBar / (base.annualVolatility / Math.sqrt(252))) * Math.sqrt(252), 10);
    expect(withRf.sortino).toBeLessThan(base.sortino);
  });

  it("rejects bad input with what to fix", () => {
    const run = (input: object, options: object) => () => backtest(input as never, { rule: "long_flat", interval: "1d", ...options } as never);
    expect(run({ ts, prediction }, {})).toThrow(/exactly one of close or returns/);
    expect(run({ ts, prediction, close: f64([1, 2]) }, {})).toThrow(/close has 2 values but ts has 5/);
    expect(run({ ts: daily(2), prediction: f64([1, 1]), close: f64([1, 1]) }, {})).toThrow(/at least 3 bars/);
    expect(run({ ts, prediction, close: f64([100, 0, 1, 1, 1]) }, {})).toThrow(/close must be finite and > 0/);
    expect(run({ ts: f64([3, 2, 1, 4, 5]), prediction, close }, {})).toThrow(/strictly increasing/);
    expect(run({ ts, prediction, close }, { rule: "short_only" })).toThrow(/long_flat.*long_short/);
    expect(run({ ts, prediction, close }, { costBps: -1 })).toThrow(/costBps.*negative/);
    expect(run({ ts, prediction, close }, { interval: undefined })).toThrow(/interval.*periodsPerYear/);
    expect(run({ ts, prediction, close }, { interval: "7d" })).toThrow(InvalidInput);
  });
});
