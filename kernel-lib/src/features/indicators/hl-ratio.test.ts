import { describe, expect, it } from "vitest";
import { hlRatio } from "./hl-ratio.js";
import { barsOf } from "./test-bars.js";

describe("hl_ratio", () => {
  it("is high / low of each bar, 0 where the low is 0", () => {
    const bars = barsOf({ close: [9, 11, 3], high: [10, 12.5, 5], low: [8, 10, 0] });
    const [out] = hlRatio.compute(bars, hlRatio.params.parse({}));
    // 10/8 = 1.25, 12.5/10 = 1.25, 5/0 → 0 by convention
    expect(Array.from(out)).toEqual([1.25, 1.25, 0]);
    expect(hlRatio.outputs({})).toEqual(["hl_ratio"]);
  });
});
