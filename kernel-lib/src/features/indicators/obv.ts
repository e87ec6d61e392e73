import { z } from "zod";
import { nanArray } from "./core/nan-array.js";
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
    const out = nanArray(n);
    if (n === 0) return [out];
    let total = volume[0];
    out[0] = total;
    for (let i = 1; i < n; i++) {
      if (close[i] > close[i - 1]) total += volume[i];
      else if (close[i] < close[i - 1]) total -= volume[i];
      out[i] = total;
    }
    return [out];
  },
});
