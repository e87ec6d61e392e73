/**
 * Our backtest against the same definitions written independently with pandas (backtest_oracle.py):
 * 1,500 business days, noisy predictions with missing values and values exactly at the threshold,
 * 7.5 bps costs, a 3% risk-free rate. pandas shifts the decision with Series.shift(1), so agreement
 * also confirms that we trade on the next bar.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { backtest } from "../src/models/backtest/index.js";

const run = promisify(execFile);
const ORACLE = new URL("./backtest_oracle.py", import.meta.url).pathname;

type Stats = Record<string, number>;
interface Oracle {
  ts: number[];
  close: number[];
  prediction: (number | null)[];
  costBps: number;
  riskFree: number;
  results: Record<"long_flat" | "long_short", { strategy: Stats; equity: number[]; buyAndHold: Stats; buyAndHoldEquity: number[] }>;
}

const NAMES = [
  "totalReturn",
  "cagr",
  "annualVolatility",
  "sharpe",
  "sortino",
  "maxDrawdown",
  "maxDrawdownBars",
  "maxDrawdownDays",
  "calmar",
  "hitRate",
  "turnover",
  "exposure",
];

/** |ours − theirs| ≤ 1e-9 · max(1, |theirs|) (compounding 1,500 bars in a different order). */
function expectClose(ours: Stats, theirs: Stats): void {
  for (const name of NAMES) {
    const tolerance = 1e-9 * Math.max(1, Math.abs(theirs[name]));
    expect(Math.abs(ours[name] - theirs[name]), `${name}: ours ${ours[name]}, pandas ${theirs[name]}`).toBeLessThanOrEqual(tolerance);
  }
}

let oracle: Oracle;

beforeAll(async () => {
  const python = join(inject("venvDir"), "bin", "python");
  const { stdout } = await run(python, [ORACLE, "20240501"], { maxBuffer: 64 * 1024 * 1024 });
  oracle = JSON.parse(stdout) as Oracle;
}, 120_000);

describe("backtest matches pandas", () => {
  for (const rule of ["long_flat", "long_short"] as const) {
    it(`${rule}: equity curve and every statistic, strategy and buy-and-hold`, () => {
      const result = backtest(
        {
          ts: Float64Array.from(oracle.ts),
          close: Float64Array.from(oracle.close),
          prediction: Float64Array.from(oracle.prediction, (v) => v ?? Number.NaN),
        },
        { rule, costBps: oracle.costBps, riskFree: oracle.riskFree, interval: "1d" },
      );
      const expected = oracle.results[rule];
      expect(result.equity).toHaveLength(expected.equity.length);
      for (let t = 0; t < result.equity.length; t++) {
        expect(Math.abs(result.equity[t] - expected.equity[t])).toBeLessThanOrEqual(1e-9 * expected.equity[t]);
        expect(Math.abs(result.buyAndHoldEquity[t] - expected.buyAndHoldEquity[t])).toBeLessThanOrEqual(1e-9 * expected.buyAndHoldEquity[t]);
      }
      expectClose({ ...result.strategy } as unknown as Stats, expected.strategy);
      expectClose({ ...result.buyAndHold } as unknown as Stats, expected.buyAndHold);
      // the predictions carry real information about the next bar, so this is not a vacuous match
      expect(result.strategy.sharpe).toBeGreaterThan(result.buyAndHold.sharpe);
    });
  }
});
