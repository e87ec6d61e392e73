import { z } from "zod";
import { warmupArray } from "./core/nan-array.js";
import { defineIndicator } from "./define.js";
import { columnName } from "./naming.js";
import { period } from "./params.js";

/** Rate of change in percent (TA-Lib ROC). */
export const roc = defineIndicator({
  name: "roc",
  description: "Rate of change: 100 · (close / close `period` bars ago − 1); 0 where the earlier close is 0.",
  params: z.strictObject({ period: period(10, 1) }),
  outputs: (p) => [columnName("roc", p.period)],
  lookback: (p) => p.period,
  compute(input, p) {
    const close = input.close;
    const out = warmupArray(close.length, p.period);
    for (let i = p.period; i < close.length; i++) {
      const before = close[i - p.period];
      out[i] = before !== 0 ? (close[i] / before - 1) * 100 : 0;
    }
    return [out];
  },
});
