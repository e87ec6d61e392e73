import { describe, expect, it } from "vitest";
import { logReturns } from "./log-returns.js";
import { barsOf } from "./test-bars.js";

describe("log_returns", () => {
  it("is ln(close / close n bars ago)", () => {
    const bars = barsOf({ close: [100, 110, 99, 99] });
    const [one] = logReturns.compute(bars, logReturns.params.parse({ period: 1 }));
    expect(one[0]).toBeNaN();
    expect(one[1]).toBeCloseTo(0.0953101798043249, 15); // ln(110/100) = ln 1.1
    expect(one[2]).toBeCloseTo(-0.1053605156578263, 15); // ln(99/110) = ln 0.9
    expect(one[3]).toBe(0); // ln(99/99) = ln 1
    const [two] = logReturns.compute(bars, logReturns.params.parse({ period: 2 }));
    expect(two[1]).toBeNaN();
    expect(two[2]).toBeCloseTo(-0.01005033585350145, 15); // ln(99/100) = ln 0.99
    expect(two[3]).toBeCloseTo(-0.1053605156578263, 15); // ln(99/110) = ln 0.9
  });

  it("is 0 where a price is not positive (no log of zero)", () => {
    const [out] = logReturns.compute(barsOf({ close: [0, 5, 5] }), logReturns.params.parse({}));
    expect(Array.from(out)).toEqual([Number.NaN, 0, 0]);
  });

  it("sums over consecutive bars: two 1-bar log returns make one 2-bar log return", () => {
    const bars = barsOf({ close: [50, 55, 44, 66] });
    const [one] = logReturns.compute(bars, logReturns.params.parse({ period: 1 }));
    const [two] = logReturns.compute(bars, logReturns.params.parse({ period: 2 }));
    expect(one[2] + one[3]).toBeCloseTo(two[3], 14); // ln(44/55) + ln(66/44) = ln(66/55)
  });
});
