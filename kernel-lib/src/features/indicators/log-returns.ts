import { z } from "zod";
import { warmupArray } from "./core/nan-array.js";
import { defineIndicator } from "./define.js";
import { columnName } from "./naming.js";
import { period } from "./params.js";

/** Logarithmic return of the close over `period` bars (no TA-Lib counterpart). */
export const logReturns = defineIndicator({
  name: "log_returns",
  description: "Log return over `period` bars: ln(close / close n bars ago); 0 where either close is not positive.",
  params: z.strictObject({ period: period(1, 1) }),
  outputs: (p) => [columnName("log_returns", p.period)],
  lookback: (p) => p.period,
  compute(input, p) {
    const close = input.close;
    const out = warmupArray(close.length, p.period);
    for (let i = p.period; i < close.length; i++) {
      const now = close[i];
      const before = close[i - p.period];
      out[i] = now > 0 && before > 0 ? Math.log(now / before) : 0;
    }
    return [out];
  },
});
