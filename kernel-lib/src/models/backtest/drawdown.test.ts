import { describe, expect, it } from "vitest";
import { maxDrawdown } from "./drawdown.js";

const DAY = 86_400_000;
const f64 = (values: number[]) => Float64Array.from(values);
const days = (...k: number[]) => f64(k.map((d) => d * DAY));

describe("maxDrawdown", () => {
  it("finds the deepest fall and its duration to recovery", () => {
    // peaks 1.2 (bar 1) → 0.9 (bar 3): −25%; back to 1.2 on bar 5. A shallower dip later.
    const equity = f64([1, 1.2, 1.0, 0.9, 1.1, 1.2, 1.3, 1.17, 1.3]);
    const d = maxDrawdown(equity, days(0, 1, 2, 3, 4, 7, 8, 9, 10)); // weekend gap between bars 4 and 5
    expect(d.maxDrawdown).toBeCloseTo(0.25, 15); // 1 − 0.9 / 1.2
    expect([d.peakIndex, d.troughIndex, d.endIndex]).toEqual([1, 3, 5]);
    expect(d.recovered).toBe(true);
    expect(d.durationBars).toBe(4);
    expect(d.durationDays).toBe(6); // day 1 → day 7
  });
  it("runs to the last bar when equity never recovers", () => {
    const d = maxDrawdown(f64([1, 0.8, 0.9]), days(0, 1, 2));
    expect(d.maxDrawdown).toBeCloseTo(0.2, 15);
    expect([d.peakIndex, d.troughIndex, d.endIndex, d.durationBars, d.recovered]).toEqual([0, 1, 2, 2, false]);
  });
  it("is 0 for equity that never falls", () => {
    expect(maxDrawdown(f64([1, 1, 1.1, 1.2]), days(0, 1, 2, 3))).toMatchObject({ maxDrawdown: 0, durationBars: 0 });
  });
});
