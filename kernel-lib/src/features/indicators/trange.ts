import { z } from "zod";
import { warmupArray } from "./core/nan-array.js";
import { trueRange } from "./core/true-range.js";
import { defineIndicator } from "./define.js";
import { columnName } from "./naming.js";

/** Wilder's true range of each bar (TA-Lib TRANGE). */
export const trange = defineIndicator({
  name: "trange",
  description: "True range: the largest of high − low, |high − previous close|, |low − previous close|.",
  params: z.strictObject({}),
  outputs: () => [columnName("trange")],
  lookback: () => 1,
  compute(input) {
    const { high, low, close } = input;
    const out = warmupArray(close.length, 1);
    for (let i = 1; i < close.length; i++) out[i] = trueRange(high[i], low[i], close[i - 1]);
    return [out];
  },
});
