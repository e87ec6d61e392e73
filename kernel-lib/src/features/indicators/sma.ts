import { z } from "zod";
import { warmupArray } from "./core/nan-array.js";
import { smaInto } from "./core/sma.js";
import { defineIndicator } from "./define.js";
import { columnName } from "./naming.js";
import { period } from "./params.js";

/** Simple moving average of the close (TA-Lib SMA). */
export const sma = defineIndicator({
  name: "sma",
  description: "Simple moving average of the close over `period` bars.",
  params: z.strictObject({ period: period(20) }),
  outputs: (p) => [columnName("sma", p.period)],
  lookback: (p) => p.period - 1,
  compute(input, p) {
    const out = warmupArray(input.close.length, p.period - 1);
    smaInto(input.close, 0, p.period, out);
    return [out];
  },
});
