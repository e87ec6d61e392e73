import { z } from "zod";
import { defineIndicator } from "./define.js";
import { columnName } from "./naming.js";

/** On-balance volume (TA-Lib OBV: starts at the first bar's volume). */
export const obv = defineIndicator({
  name: "obv",
  description: "On-balance volume: running total adding volume on up closes and subtracting it on down closes.",
  params: z.strictObject({}),
  outputs: () => [columnName("obv")],
  lookback: () => 0,
  compute(input) {
    const { close, volume } = input;
    const n = close.length;
    const out = new Float64Array(n);
    if (n === 0) return [out];
    let total = volume[0];
    out[0] = total;
    let prev = close[0];
    for (let i = 1; i < n; i++) {
      const now = close[i];
      // +1, −1 or 0 without a branch (up and down closes alternate unpredictably); adding
      // 0 × volume leaves the total exactly as it was.
      const direction = +(now > prev) - +(now < prev);
      total += direction * volume[i];
      out[i] = total;
      prev = now;
    }
    return [out];
  },
});
