import { describe, expect, it } from "vitest";
import { windowRangeBuffers, windowRangeInto } from "./window-range.js";

/** Brute force: max of high and min of low over the last `window` bars ending at i (fewer at the start). */
function bruteForce(high: Float64Array, low: Float64Array, window: number): [number[], number[]] {
  const top: number[] = [];
  const bottom: number[] = [];
  for (let i = 0; i < high.length; i++) {
    let h = high[i];
    let l = low[i];
    for (let j = Math.max(0, i - window + 1); j < i; j++) {
      if (high[j] > h) h = high[j];
      if (low[j] < l) l = low[j];
    }
    top.push(h);
    bottom.push(l);
  }
  return [top, bottom];
}

/** Runs WindowRange over the whole series, chunk by chunk. */
function sliding(high: Float64Array, low: Float64Array, window: number): [number[], number[]] {
  const buffers = windowRangeBuffers(window);
  const top: number[] = [];
  const bottom: number[] = [];
  for (let from = 0; from < high.length; ) {
    const to = windowRangeInto(high, low, window, from, buffers);
    top.push(...buffers.top.subarray(0, to - from));
    bottom.push(...buffers.bottom.subarray(0, to - from));
    from = to;
  }
  return [top, bottom];
}

describe("sliding window range (highest high, lowest low)", () => {
  it("matches a brute-force scan for many window sizes, chunk boundaries and lengths, on data full of ties", () => {
    let seed = 11;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (const n of [1, 5, 13, 1024, 2500, 3001]) {
      // Few distinct levels, so equal values are everywhere; low is not always below high.
      const high = Float64Array.from({ length: n }, () => Math.floor(next() * 7) + 0.25);
      const low = Float64Array.from({ length: n }, () => Math.floor(next() * 7) - 0.5);
      for (const window of [1, 2, 3, 7, 14, 20, 100, 1023, 1024, 1025, 5000]) {
        expect(sliding(high, low, window), `n ${n}, window ${window}`).toEqual(bruteForce(high, low, window));
      }
    }
  });

  it("follows monotonic runs both ways", () => {
    const rising = Float64Array.from({ length: 50 }, (_, i) => i);
    const falling = Float64Array.from({ length: 50 }, (_, i) => 50 - i);
    const [top, bottom] = sliding(rising, falling, 4);
    // Rising highs: the max is today's; falling lows: the min is today's too.
    expect(top).toEqual(Array.from(rising));
    expect(bottom).toEqual(Array.from(falling));
    const [top2, bottom2] = sliding(falling, rising, 4);
    // Falling highs: the max is the oldest bar of the window; rising lows: the min is the oldest too.
    expect(top2).toEqual(Array.from(falling, (_, i) => falling[Math.max(0, i - 3)]));
    expect(bottom2).toEqual(Array.from(rising, (_, i) => rising[Math.max(0, i - 3)]));
  });

  it("makes exactly the windows that contain a NaN NaN", () => {
    const high = Float64Array.from({ length: 40 }, (_, i) => (i * 7) % 11);
    const low = high.map((v) => v - 1);
    high[17] = Number.NaN;
    const [top, bottom] = sliding(high, low, 5);
    for (let i = 0; i < 40; i++) expect(Number.isNaN(top[i]), `bar ${i}`).toBe(i >= 17 && i <= 21);
    expect(bottom.some(Number.isNaN)).toBe(false);
  });
});
