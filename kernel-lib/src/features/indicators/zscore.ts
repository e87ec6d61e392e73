import { z } from "zod";
import { warmupArray } from "./core/nan-array.js";
import { varianceInto } from "./core/variance.js";
import { defineIndicator } from "./define.js";
import { columnName } from "./naming.js";
import { period } from "./params.js";

/** Rolling z-score of the close (no TA-Lib counterpart; built from TA-Lib's SMA and VAR). */
export const zscore = defineIndicator({
  name: "zscore",
  description:
    "Rolling z-score of the close: (close − SMA) / population standard deviation over the last `period` bars (current bar included); 0 in a flat window.",
  params: z.strictObject({ period: period(20) }),
  outputs: (p) => [columnName("zscore", p.period)],
  lookback: (p) => p.period - 1,
  compute(input, p) {
    const close = input.close;
    const n = close.length;
    const out = warmupArray(n, p.period - 1);
    const len = p.period;
    if (len > n) return [out];
    // The variance is staged in the output column; the mean is TA-Lib's running-sum SMA, inline.
    varianceInto(close, 0, len, out);
    let total = 0;
    for (let i = 0; i < len - 1; i++) total += close[i];
    for (let i = len - 1; i < n; i++) {
      total += close[i];
      const mean = total / len;
      total -= close[i - len + 1];
      const sigma = Math.sqrt(out[i]);
      out[i] = sigma > 0 ? (close[i] - mean) / sigma : 0;
    }
    return [out];
  },
});
