import { describe, expect, it } from "vitest";
import { WindowMax, WindowMin } from "./window-extreme.js";

/** Brute force: index of the extreme of src[max(0, i-window+1)..i], latest index on ties. */
function bruteForce(src: Float64Array, window: number, max: boolean): number[] {
  return Array.from(src, (_, i) => {
    let best = Math.max(0, i - window + 1);
    for (let j = best + 1; j <= i; j++) if (max ? src[j] >= src[best] : src[j] <= src[best]) best = j;
    return best;
  });
}

describe("sliding window extremes", () => {
  it("match a brute-force scan for every window size on data full of ties", () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    // Values drawn from only five levels, so equal values are everywhere.
    const src = Float64Array.from({ length: 300 }, () => Math.floor(next() * 5));
    for (const window of [1, 2, 3, 5, 8, 13, 50, 299, 300, 400]) {
      const max = new WindowMax(src, window);
      const min = new WindowMin(src, window);
      const maxIdx = Array.from(src, (_, i) => max.push(i));
      const minIdx = Array.from(src, (_, i) => min.push(i));
      expect(maxIdx, `max, window ${window}`).toEqual(bruteForce(src, window, true));
      expect(minIdx, `min, window ${window}`).toEqual(bruteForce(src, window, false));
    }
  });

  it("handles monotonic runs", () => {
    const rising = Float64Array.from({ length: 20 }, (_, i) => i);
    const max = new WindowMax(rising, 4);
    const min = new WindowMin(rising, 4);
    for (let i = 0; i < 20; i++) {
      // Rising: the max is always today, the min the oldest bar of the window.
      expect(max.push(i)).toBe(i);
      expect(min.push(i)).toBe(Math.max(0, i - 3));
    }
  });
});
