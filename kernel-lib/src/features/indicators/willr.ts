import { z } from "zod";
import { warmupArray } from "./core/nan-array.js";
import { windowRangeBuffers, windowRangeInto } from "./core/window-range.js";
import { defineIndicator } from "./define.js";
import { columnName } from "./naming.js";
import { period } from "./params.js";

/** Williams %R (TA-Lib WILLR). */
export const willr = defineIndicator({
  name: "willr",
  description: "Williams %R: −100·(highest high − close)/(highest high − lowest low) over `period` bars, 0 when flat.",
  params: z.strictObject({ period: period(14) }),
  outputs: (p) => [columnName("willr", p.period)],
  lookback: (p) => p.period - 1,
  compute(input, p) {
    const { high, low, close } = input;
    const n = close.length;
    const first = p.period - 1;
    const out = warmupArray(n, first);
    const buffers = windowRangeBuffers(p.period);
    const { top, bottom } = buffers;
    for (let from = 0; from < n; ) {
      const to = windowRangeInto(high, low, p.period, from, buffers);
      for (let i = Math.max(from, first); i < to; i++) {
        const highest = top[i - from];
        // TA-Lib's arithmetic: the range over −100, then the distance from the top over it.
        const diff = (highest - bottom[i - from]) / -100;
        out[i] = diff !== 0 ? (highest - close[i]) / diff : 0;
      }
      from = to;
    }
    return [out];
  },
});
