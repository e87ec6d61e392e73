import { z } from "zod";
import { warmupArray } from "./core/nan-array.js";
import { windowExtremeBuffers, windowExtremeIndexInto } from "./core/window-extreme.js";
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
    const len = p.period;
    const up = warmupArray(n, len);
    const down = warmupArray(n, len);
    const osc = warmupArray(n, len);
    // TA-Lib looks at period + 1 bars: today and the `period` before it.
    const buffers = windowExtremeBuffers(len + 1);
    const { topIndex, bottomIndex } = buffers;
    const factor = 100 / len;
    for (let from = 0; from < n; ) {
      const to = windowExtremeIndexInto(high, low, len + 1, from, buffers);
      for (let i = Math.max(from, len); i < to; i++) {
        const highIdx = topIndex[i - from];
        const lowIdx = bottomIndex[i - from];
        up[i] = factor * (len - (i - highIdx));
        down[i] = factor * (len - (i - lowIdx));
        // AROONOSC's own formula, not up − down, so the rounding matches it.
        osc[i] = factor * (highIdx - lowIdx);
      }
      from = to;
    }
    return [up, down, osc];
  },
});
