import { z } from "zod";
import { WindowMax, WindowMin } from "./core/window-extreme.js";
import { nanArray } from "./core/nan-array.js";
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
    const upper = nanArray(n);
    const middle = nanArray(n);
    const lower = nanArray(n);
    const highest = new WindowMax(high, p.period);
    const lowest = new WindowMin(low, p.period);
    for (let i = 0; i < n; i++) {
      const up = high[highest.push(i)];
      const down = low[lowest.push(i)];
      if (i < p.period - 1) continue;
      upper[i] = up;
      lower[i] = down;
      middle[i] = (up + down) / 2;
    }
    return [upper, middle, lower];
  },
});
