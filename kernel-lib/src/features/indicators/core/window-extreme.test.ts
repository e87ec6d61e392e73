import { describe, expect, it } from "vitest";
import { windowExtremeBuffers, windowExtremeIndexInto } from "./window-extreme.js";

/** Brute force: bar of the extreme of src[max(0, i-window+1)..i], latest bar on ties. */
function bruteForce(src: Float64Array, window: number, max: boolean): number[] {
  return Array.from(src, (_, i) => {
    let best = Math.max(0, i - window + 1);
    for (let j = best + 1; j <= i; j++) if (max ? src[j] >= src[best] : src[j] <= src[best]) best = j;
    return best;
  });
}

/** Runs windowExtremeIndexInto over the whole series, chunk by chunk. */
function sliding(high: Float64Array, low: Float64Array, window: number): [number[], number[]] {
  const buffers = windowExtremeBuffers(window);
  const top: number[] = [];
  const bottom: number[] = [];
  for (let from = 0; from < high.length; ) {
    const to = windowExtremeIndexInto(high, low, window, from, buffers);
    top.push(...buffers.topIndex.subarray(0, to - from));
    bottom.push(...buffers.bottomIndex.subarray(0, to - from));
    from = to;
  }
  return [top, bottom];
}

describe("sliding window extreme bars", () => {
  it("match a brute-force scan for every window size and chunk boundary, on data full of ties", () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (const n of [1, 9, 300, 2100]) {
      // Values drawn from only five levels, so equal values are everywhere.
      const high = Float64Array.from({ length: n }, () => Math.floor(next() * 5));
      const low = Float64Array.from({ length: n }, () => Math.floor(next() * 5));
      for (const window of [1, 2, 3, 5, 8, 13, 15, 50, 299, 300, 400, 1025]) {
        const [top, bottom] = sliding(high, low, window);
        expect(top, `max, n ${n}, window ${window}`).toEqual(bruteForce(high, window, true));
        expect(bottom, `min, n ${n}, window ${window}`).toEqual(bruteForce(low, window, false));
      }
    }
  });

  it("handles monotonic runs", () => {
    const rising = Float64Array.from({ length: 20 }, (_, i) => i);
    const [top, bottom] = sliding(rising, rising, 4);
    // Rising: the max is always today, the min the oldest bar of the window.
    expect(top).toEqual(Array.from(rising));
    expect(bottom).toEqual(Array.from(rising, (_, i) => Math.max(0, i - 3)));
  });
});
