import { describe, expect, it } from "vitest";
import { varianceInto } from "./variance.js";

/** Two-pass population variance of src[i-period+1..i], summed in extended care (mean first). */
function twoPass(src: Float64Array, i: number, period: number): number {
  let sum = 0;
  for (let j = i - period + 1; j <= i; j++) sum += src[j];
  const mean = sum / period;
  let squares = 0;
  for (let j = i - period + 1; j <= i; j++) squares += (src[j] - mean) ** 2;
  return squares / period;
}

describe("rolling variance (TA-Lib VAR algorithm)", () => {
  it("works a small case by hand: [1, 2, 3, 4] over 3 bars", () => {
    const out = new Float64Array(4).fill(Number.NaN);
    varianceInto(Float64Array.from([1, 2, 3, 4]), 0, 3, out);
    // Window [1,2,3]: mean 2, squared deviations 1+0+1 = 2, population variance 2/3; same for [2,3,4].
    expect(out[0]).toBeNaN();
    expect(out[1]).toBeNaN();
    expect(out[2]).toBeCloseTo(2 / 3, 14);
    expect(out[3]).toBeCloseTo(2 / 3, 14);
  });

  it("starts at `from` and leaves earlier bars untouched", () => {
    const out = new Float64Array(5).fill(-1);
    varianceInto(Float64Array.from([9, 9, 1, 3, 5]), 2, 2, out);
    // Windows [1,3] and [3,5]: variance ((1)² + (1)²)/2 = 1.
    expect(Array.from(out)).toEqual([-1, -1, -1, 1, 1]);
  });

  it("is exactly 0 on flat windows, including after a volatile stretch at another level", () => {
    const src = new Float64Array(400);
    for (let i = 0; i < 200; i++) src[i] = 100 + Math.sin(i) * 5;
    src.fill(100.37, 200);
    const out = new Float64Array(400);
    varianceInto(src, 0, 20, out);
    for (let i = 219; i < 400; i++) expect(out[i], `bar ${i}`).toBe(0);
  });

  it("stays within 1e-9 of a two-pass variance over a long series with a price level change", () => {
    const n = 50_000;
    const src = new Float64Array(n);
    let price = 40_000;
    for (let i = 0; i < n; i++) {
      price *= 1 + 0.01 * Math.sin(i * 12.9898) * Math.cos(i * 78.233);
      if (i === 25_000) price /= 500;
      src[i] = Math.round(price * 100) / 100;
    }
    const out = new Float64Array(n);
    varianceInto(src, 0, 30, out);
    for (let i = 29; i < n; i += 7) {
      const expected = twoPass(src, i, 30);
      expect(Math.abs(out[i] - expected), `bar ${i}`).toBeLessThanOrEqual(1e-9 * Math.max(expected, 1e-300));
    }
  });
});
