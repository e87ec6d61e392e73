import { describe, expect, it } from "vitest";
import { barsOf } from "./test-bars.js";
import { volatility } from "./volatility.js";

describe("volatility", () => {
  it("is the sample std of the last `period` 1-bar log returns × √periodsPerYear", () => {
    // Closes built so the 1-bar log returns are exactly 0.01, −0.02, 0.03, −0.01.
    const close = [100, 100 * Math.exp(0.01), 100 * Math.exp(-0.01), 100 * Math.exp(0.02), 100 * Math.exp(0.01)];
    const params = volatility.params.parse({ period: 3, periodsPerYear: 252 });
    const [out] = volatility.compute(barsOf({ close }), params);
    expect(volatility.lookback(params)).toBe(3);
    expect(out.subarray(0, 3).every(Number.isNaN)).toBe(true);
    // bar 3: returns 0.01, −0.02, 0.03: mean 0.02/3; Σ(r − mean)² = 0.0014 − 3·(0.02/3)² = 19/15000;
    //        sample variance = 19/30000; annualized variance = 19·252/30000 = 0.1596 → √0.1596
    expect(out[3]).toBeCloseTo(Math.sqrt(0.1596), 12);
    // bar 4: returns −0.02, 0.03, −0.01: mean 0; Σr² = 0.0014; sample variance 0.0007;
    //        annualized 0.0007·252 = 0.1764 → √0.1764 = 0.42
    expect(out[4]).toBeCloseTo(0.42, 12);
  });

  it("is 0 for prices that never move, and scales with √periodsPerYear", () => {
    const [flat] = volatility.compute(barsOf({ close: new Array(30).fill(42.42) }), volatility.params.parse({ period: 5 }));
    expect(Array.from(flat.subarray(5))).toEqual(new Array(25).fill(0));
    const close = [10, 11, 10.5, 11.5, 11, 12, 11.8];
    const [daily] = volatility.compute(barsOf({ close }), volatility.params.parse({ period: 4, periodsPerYear: 252 }));
    const [weekly] = volatility.compute(barsOf({ close }), volatility.params.parse({ period: 4, periodsPerYear: 52 }));
    expect(daily[6] / weekly[6]).toBeCloseTo(Math.sqrt(252 / 52), 12);
  });
});
