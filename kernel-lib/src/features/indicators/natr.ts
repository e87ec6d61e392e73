import { z } from "zod";
import { atrInto } from "./core/atr.js";
import { nanArray } from "./core/nan-array.js";
import { defineIndicator } from "./define.js";
import { columnName } from "./naming.js";
import { period } from "./params.js";

/** Normalized ATR: ATR as a percentage of the close (TA-Lib NATR). */
export const natr = defineIndicator({
  name: "natr",
  description: "Normalized average true range: 100 · ATR / close (0 where the close is 0).",
  params: z.strictObject({ period: period(14) }),
  outputs: (p) => [columnName("natr", p.period)],
  lookback: (p) => p.period,
  compute(input, p) {
    const close = input.close;
    const out = nanArray(close.length);
    atrInto(input.high, input.low, close, p.period, out);
    for (let i = p.period; i < close.length; i++) {
      const c = close[i];
      out[i] = c !== 0 ? (out[i] / c) * 100 : 0;
    }
    return [out];
  },
});
