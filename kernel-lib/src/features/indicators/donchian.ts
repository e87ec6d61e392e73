import { z } from "zod";
import { warmupArray } from "./core/nan-array.js";
import { windowRangeBuffers, windowRangeInto } from "./core/window-range.js";
import { defineIndicator } from "./define.js";
import { columnName } from "./naming.js";
import { period } from "./params.js";

/** Donchian channel: highest high, lowest low and their midpoint (TA-Lib MAX/MIN for the bands). */
export const donchian = defineIndicator({
  name: "donchian",
  description:
    "Donchian channel over the last `period` bars (current bar included): upper = highest high, lower = lowest low, middle = (upper + lower)/2.",
  params: z.strictObject({ period: period(20) }),
  outputs: (p) => [columnName("dc_upper", p.period), columnName("dc_middle", p.period), columnName("dc_lower", p.period)],
  lookback: (p) => p.period - 1,
  compute(input, p) {
    const { high, low } = input;
    const n = high.length;
    const first = p.period - 1;
    const upper = warmupArray(n, first);
    const middle = warmupArray(n, first);
    const lower = warmupArray(n, first);
    const buffers = windowRangeBuffers(p.period);
    const { top, bottom } = buffers;
    for (let from = 0; from < n; ) {
      const to = windowRangeInto(high, low, p.period, from, buffers);
      for (let i = Math.max(from, first); i < to; i++) {
        const up = top[i - from];
        const down = bottom[i - from];
        upper[i] = up;
        lower[i] = down;
        middle[i] = (up + down) / 2;
      }
      from = to;
    }
    return [upper, middle, lower];
  },
});
