import { z } from "zod";
import { WindowMax, WindowMin } from "./core/window-extreme.js";
import { nanArray } from "./core/nan-array.js";
import { defineIndicator } from "./define.js";
import { columnName } from "./naming.js";
import { period } from "./params.js";

/** Aroon up, down and oscillator (TA-Lib AROON and AROONOSC). */
export const aroon = defineIndicator({
  name: "aroon",
  description:
    "Aroon: 100·(period − bars since the highest high)/period (up), the same for the lowest low (down), and up − down; window of period+1 bars, latest bar wins ties.",
  params: z.strictObject({ period: period(14) }),
  outputs: (p) => [columnName("aroon_up", p.period), columnName("aroon_down", p.period), columnName("aroon_osc", p.period)],
  lookback: (p) => p.period,
  compute(input, p) {
    const { high, low } = input;
    const n = high.length;
    const up = nanArray(n);
    const down = nanArray(n);
    const osc = nanArray(n);
    const len = p.period;
    // TA-Lib looks at period + 1 bars: today and the `period` before it.
    const highest = new WindowMax(high, len + 1);
    const lowest = new WindowMin(low, len + 1);
    const factor = 100 / len;
    for (let i = 0; i < n; i++) {
      const highIdx = highest.push(i);
      const lowIdx = lowest.push(i);
      if (i < len) continue;
      up[i] = factor * (len - (i - highIdx));
      down[i] = factor * (len - (i - lowIdx));
      // AROONOSC's own formula, not up − down, so the rounding matches it.
      osc[i] = factor * (highIdx - lowIdx);
    }
    return [up, down, osc];
  },
});
