import { z } from "zod";
import { atrInto } from "./core/atr.js";
import { warmupArray } from "./core/nan-array.js";
import { defineIndicator } from "./define.js";
import { columnName } from "./naming.js";
import { period } from "./params.js";

/** Wilder's average true range (TA-Lib ATR). */
export const atr = defineIndicator({
  name: "atr",
  description: "Average true range: Wilder-smoothed true range over `period` bars, in price units.",
  params: z.strictObject({ period: period(14) }),
  outputs: (p) => [columnName("atr", p.period)],
  lookback: (p) => p.period,
  compute(input, p) {
    const out = warmupArray(input.close.length, p.period);
    atrInto(input.high, input.low, input.close, p.period, out);
    return [out];
  },
});
