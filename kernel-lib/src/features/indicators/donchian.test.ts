import { describe, expect, it } from "vitest";
import { donchian } from "./donchian.js";
import { barsOf } from "./test-bars.js";

describe("donchian", () => {
  it("is the highest high, lowest low and their midpoint over the window, current bar included", () => {
    const bars = barsOf({ high: [5, 7, 6, 4, 8], low: [3, 4, 2, 3, 5], close: [4, 5, 3, 4, 6] });
    const params = donchian.params.parse({ period: 3 });
    const [upper, middle, lower] = donchian.compute(bars, params);
    expect(donchian.outputs(params)).toEqual(["dc_upper_3", "dc_middle_3", "dc_lower_3"]);
    // bars 0–2: max(5,7,6) = 7, min(3,4,2) = 2, mid 4.5
    // bars 1–3: max(7,6,4) = 7, min(4,2,3) = 2, mid 4.5
    // bars 2–4: max(6,4,8) = 8, min(2,3,5) = 2, mid 5
    expect(Array.from(upper)).toEqual([Number.NaN, Number.NaN, 7, 7, 8]);
    expect(Array.from(lower)).toEqual([Number.NaN, Number.NaN, 2, 2, 2]);
    expect(Array.from(middle)).toEqual([Number.NaN, Number.NaN, 4.5, 4.5, 5]);
  });
});
