import { describe, expect, it } from "vitest";
import { bbands } from "./bbands.js";
import { barsOf } from "./test-bars.js";

describe("bbands", () => {
  it("derives %B and bandwidth from SMA ± k·σ (population σ), neutral 0.5 / 0 on a flat window", () => {
    const params = bbands.params.parse({ period: 3, devUp: 2, devDown: 2 });
    const [upper, middle, lower, percentB, bandwidth] = bbands.compute(barsOf({ close: [1, 2, 3, 3, 3, 3] }), params);
    expect(bbands.outputs(params)).toEqual([
      "bb_upper_3_2_2",
      "bb_middle_3_2_2",
      "bb_lower_3_2_2",
      "bb_percent_b_3_2_2",
      "bb_bandwidth_3_2_2",
    ]);
    // [1,2,3]: middle 2, σ = √(2/3) ≈ 0.8165, bands 2 ± 2σ.
    const sigma = Math.sqrt(2 / 3);
    expect(middle[2]).toBe(2);
    expect(upper[2]).toBeCloseTo(2 + 2 * sigma, 14);
    expect(lower[2]).toBeCloseTo(2 - 2 * sigma, 14);
    // %B = (3 − (2 − 2σ)) / (4σ) = 0.5 + 1/(4σ) ≈ 0.80619; bandwidth = 4σ / 2 = 2σ ≈ 1.63299
    expect(percentB[2]).toBeCloseTo(0.5 + 1 / (4 * sigma), 14);
    expect(bandwidth[2]).toBeCloseTo(2 * sigma, 14);
    // [3,3,3]: σ = 0, the bands collapse onto the close.
    expect([upper[4], middle[4], lower[4], percentB[4], bandwidth[4]]).toEqual([3, 3, 3, 0.5, 0]);
  });

  it("allows asymmetric multipliers", () => {
    const [upper, middle, lower] = bbands.compute(
      barsOf({ close: [1, 2, 3] }),
      bbands.params.parse({ period: 3, devUp: 1, devDown: 3 }),
    );
    const sigma = Math.sqrt(2 / 3);
    expect(upper[2] - middle[2]).toBeCloseTo(sigma, 14);
    expect(middle[2] - lower[2]).toBeCloseTo(3 * sigma, 14);
  });
});
