import { describe, expect, it } from "vitest";
import { barsOf } from "./test-bars.js";
import { zscore } from "./zscore.js";

describe("zscore", () => {
  it("is (close − window mean) / population σ of the window, 0 when the window is flat", () => {
    const [z] = zscore.compute(barsOf({ close: [1, 2, 3, 3, 3, 10] }), zscore.params.parse({ period: 3 }));
    expect(z[0]).toBeNaN();
    expect(z[1]).toBeNaN();
    // [1,2,3]: mean 2, σ² = (1+0+1)/3 = 2/3 → z = (3 − 2)/√(2/3) = √1.5
    expect(z[2]).toBeCloseTo(Math.sqrt(1.5), 14);
    // [2,3,3]: mean 8/3, σ² = (4/9 + 1/9 + 1/9)/3 = 2/9 → z = (1/3)/(√2/3) = 1/√2
    expect(z[3]).toBeCloseTo(Math.SQRT1_2, 14);
    // [3,3,3]: σ = 0 → 0
    expect(z[4]).toBe(0);
    // [3,3,10]: mean 16/3, σ² = (49/9 + 49/9 + 196/9)/3 = 294/27 → z = (14/3)/√(294/27) = √2
    expect(z[5]).toBeCloseTo(Math.SQRT2, 14);
  });
});
