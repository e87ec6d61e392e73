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
    // The extremes go straight into the band columns (one chunk spanning the series); the
    // partial windows of the warm-up are then cleared.
    windowRangeInto(high, low, p.period, 0, windowRangeBuffers(p.period, { top: upper, bottom: lower }));
    const warmup = Math.min(first, n);
    upper.fill(Number.NaN, 0, warmup);
    lower.fill(Number.NaN, 0, warmup);
    for (let i = first; i < n; i++) middle[i] = (upper[i] + lower[i]) / 2;
    return [upper, middle, lower];
  },
});
