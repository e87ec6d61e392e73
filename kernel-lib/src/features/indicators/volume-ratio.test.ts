import { describe, expect, it } from "vitest";
import { barsOf } from "./test-bars.js";
import { volumeRatio } from "./volume-ratio.js";

describe("volume_ratio", () => {
  it("divides each bar's volume by the SMA of the last `period` volumes, current bar included", () => {
    const bars = barsOf({ close: [1, 1, 1, 1, 1, 1, 1], volume: [100, 200, 300, 0, 0, 0, 600] });
    const [ratio] = volumeRatio.compute(bars, volumeRatio.params.parse({ period: 3 }));
    expect(volumeRatio.outputs(volumeRatio.params.parse({ period: 3 }))).toEqual(["volume_ratio_3"]);
    // bar 2: average (100+200+300)/3 = 200 → 300/200 = 1.5
    // bar 3: average (200+300+0)/3 ≈ 166.67 → 0/166.67 = 0
    // bar 4: average (300+0+0)/3 = 100 → 0/100 = 0
    // bar 5: average (0+0+0)/3 = 0 → no trading in the window: 0 by convention
    // bar 6: average (0+0+600)/3 = 200 → 600/200 = 3
    expect(Array.from(ratio)).toEqual([Number.NaN, Number.NaN, 1.5, 0, 0, 0, 3]);
  });
});
