import { z } from "zod";
import { emaFactor, emaInto } from "./core/ema.js";
import { warmupArray } from "./core/nan-array.js";
import { defineIndicator } from "./define.js";
import { columnName } from "./naming.js";
import { period } from "./params.js";

/** Exponential moving average of the close, seeded with the SMA of the first period (TA-Lib EMA). */
export const ema = defineIndicator({
  name: "ema",
  description: "Exponential moving average of the close (k = 2/(period+1)), seeded with the first period's SMA.",
  params: z.strictObject({ period: period(20) }),
  outputs: (p) => [columnName("ema", p.period)],
  lookback: (p) => p.period - 1,
  compute(input, p) {
    const out = warmupArray(input.close.length, p.period - 1);
    emaInto(input.close, 0, p.period, emaFactor(p.period), out);
    return [out];
  },
});
