import { z } from "zod";
import { WindowMax, WindowMin } from "./core/window-extreme.js";
import { nanArray } from "./core/nan-array.js";
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
    const out = nanArray(n);
    const highest = new WindowMax(high, p.period);
    const lowest = new WindowMin(low, p.period);
    for (let i = 0; i < n; i++) {
      const top = high[highest.push(i)];
      const bottom = low[lowest.push(i)];
      if (i < p.period - 1) continue;
      const diff = (top - bottom) / -100;
      out[i] = diff !== 0 ? (top - close[i]) / diff : 0;
    }
    return [out];
  },
});
