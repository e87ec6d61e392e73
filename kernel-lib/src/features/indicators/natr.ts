import { z } from "zod";
import { atrInto } from "./core/atr.js";
import { warmupArray } from "./core/nan-array.js";
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
    const out = warmupArray(close.length, p.period);
    atrInto(input.high, input.low, close, p.period, out, true);
    return [out];
  },
});
