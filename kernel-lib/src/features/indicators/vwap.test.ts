import { describe, expect, it } from "vitest";
import { barsOf } from "./test-bars.js";
import { vwap } from "./vwap.js";

describe("vwap", () => {
  it("is Σ(typical price × volume) / Σ volume over the window, the mean typical price when nothing traded", () => {
    // Typical prices (H+L+C)/3: (12+9+9)/3 = 10, (21+18+21)/3 = 20, (33+27+30)/3 = 30, 40, 50.
    const bars = barsOf({
      high: [12, 21, 33, 40, 50],
      low: [9, 18, 27, 40, 50],
      close: [9, 21, 30, 40, 50],
      volume: [100, 300, 0, 0, 50],
    });
    const [out] = vwap.compute(bars, vwap.params.parse({ period: 2 }));
    expect(out[0]).toBeNaN();
    expect(out[1]).toBeCloseTo(17.5, 14); // (10·100 + 20·300) / (100 + 300) = 7000/400
    expect(out[2]).toBeCloseTo(20, 14); // (20·300 + 30·0) / 300
    expect(out[3]).toBeCloseTo(35, 14); // no volume in the window: (30 + 40)/2
    expect(out[4]).toBeCloseTo(50, 14); // (40·0 + 50·50) / 50
  });

  it("keeps zero-volume windows exact after long stretches of large volume", () => {
    const n = 1_000;
    const high = new Array(n).fill(0).map((_, i) => 100 + (i % 7) * 0.37);
    const volume = new Array(n).fill(0).map((_, i) => (i < 900 ? 123_456.789 * (1 + (i % 5)) : 0));
    const bars = barsOf({ high, low: high, close: high, volume });
    const [out] = vwap.compute(bars, vwap.params.parse({ period: 10 }));
    // From bar 909 on, the window holds no volume: the plain mean of its typical prices.
    for (let i = 909; i < n; i++) {
      let mean = 0;
      for (let j = i - 9; j <= i; j++) mean += high[j] / 10;
      expect(out[i]).toBeCloseTo(mean, 10);
    }
  });
});
