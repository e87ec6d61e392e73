import { z } from "zod";
import { defineIndicator } from "./define.js";
import { columnName } from "./naming.js";

/** Ratio of each bar's high to its low (no TA-Lib counterpart). */
export const hlRatio = defineIndicator({
  name: "hl_ratio",
  description: "High/low ratio of each bar: high / low (≥ 1 for valid bars); 0 where the low is 0.",
  params: z.strictObject({}),
  outputs: () => [columnName("hl_ratio")],
  lookback: () => 0,
  compute(input) {
    const { high, low } = input;
    const out = new Float64Array(high.length);
    for (let i = 0; i < high.length; i++) out[i] = low[i] !== 0 ? high[i] / low[i] : 0;
    return [out];
  },
});
