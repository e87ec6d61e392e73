import { z } from "zod";
import { warmupArray } from "./core/nan-array.js";
import { defineIndicator } from "./define.js";
import { columnName } from "./naming.js";
import { period } from "./params.js";

/** Momentum: price change over `period` bars (TA-Lib MOM). */
export const mom = defineIndicator({
  name: "mom",
  description: "Momentum: close − close `period` bars ago, in price units.",
  params: z.strictObject({ period: period(10, 1) }),
  outputs: (p) => [columnName("mom", p.period)],
  lookback: (p) => p.period,
  compute(input, p) {
    const close = input.close;
    const out = warmupArray(close.length, p.period);
    for (let i = p.period; i < close.length; i++) out[i] = close[i] - close[i - p.period];
    return [out];
  },
});
