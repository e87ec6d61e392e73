import { z } from "zod";
import { warmupArray } from "./core/nan-array.js";
import { defineIndicator } from "./define.js";
import { columnName } from "./naming.js";
import { period } from "./params.js";

/** Simple return of the close over `period` bars (TA-Lib ROCP). */
export const returns = defineIndicator({
  name: "returns",
  description: "Simple return over `period` bars: (close − close n bars ago) / close n bars ago; 0 where that close is 0.",
  params: z.strictObject({ period: period(1, 1) }),
  outputs: (p) => [columnName("returns", p.period)],
  lookback: (p) => p.period,
  compute(input, p) {
    const close = input.close;
    const out = warmupArray(close.length, p.period);
    for (let i = p.period; i < close.length; i++) {
      const before = close[i - p.period];
      out[i] = before !== 0 ? (close[i] - before) / before : 0;
    }
    return [out];
  },
});
