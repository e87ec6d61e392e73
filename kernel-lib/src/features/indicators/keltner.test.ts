import { describe, expect, it } from "vitest";
import { keltner } from "./keltner.js";
import { barsOf } from "./test-bars.js";

describe("keltner", () => {
  it("is EMA(close) ± multiplier × Wilder ATR", () => {
    const bars = barsOf({
      close: [10, 11, 12, 13, 12],
      high: [11, 12, 14, 13.5, 12.5],
      low: [9, 10.5, 11, 12.5, 11],
    });
    const params = keltner.params.parse({ period: 3, atrPeriod: 2, multiplier: 2 });
    const [upper, middle, lower] = keltner.compute(bars, params);
    expect(keltner.lookback(params)).toBe(2); // max(EMA lookback 3−1, ATR lookback 2)
    // EMA(3), k = 2/(3+1) = 0.5: seed (10+11+12)/3 = 11; then (13−11)·0.5+11 = 12; (12−12)·0.5+12 = 12.
    // True ranges: bar1 max(12−10.5, |10−12|, |10−10.5|) = 2; bar2 max(3, |11−14|, 0) = 3;
    //              bar3 max(1, |12−13.5|, |12−12.5|) = 1.5; bar4 max(1.5, |13−12.5|, |13−11|) = 2.
    // ATR(2): seed (2+3)/2 = 2.5; then (2.5·1 + 1.5)/2 = 2; (2·1 + 2)/2 = 2.
    expect(Array.from(middle)).toEqual([Number.NaN, Number.NaN, 11, 12, 12]);
    expect(Array.from(upper)).toEqual([Number.NaN, Number.NaN, 16, 16, 16]); // 11+2·2.5, 12+2·2, 12+2·2
    expect(Array.from(lower)).toEqual([Number.NaN, Number.NaN, 6, 8, 8]); // 11−2·2.5, 12−2·2, 12−2·2
  });
});
