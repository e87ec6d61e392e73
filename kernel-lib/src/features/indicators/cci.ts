import { z } from "zod";
import { isZeroScaled } from "./core/epsilon.js";
import { warmupArray } from "./core/nan-array.js";
import { defineIndicator } from "./define.js";
import { columnName } from "./naming.js";
import { period } from "./params.js";

/** Lambert's commodity channel index (TA-Lib CCI). */
export const cci = defineIndicator({
  name: "cci",
  description: "Commodity channel index: (TP − SMA(TP)) / (0.015 · mean absolute deviation), TP = (high+low+close)/3.",
  params: z.strictObject({ period: period(14) }),
  outputs: (p) => [columnName("cci", p.period)],
  lookback: (p) => p.period - 1,
  compute(input, p) {
    const { high, low, close } = input;
    const n = close.length;
    const out = warmupArray(n, p.period - 1);
    const len = p.period;
    if (len > n) return [out];
    // The mean deviation around a moving mean has no O(1) update, so each bar rescans its window,
    // as TA-Lib does, from a ring of the last `period` typical prices summed in slot order (which
    // keeps the rounding identical to TA-Lib's circular buffer).
    const ring = new Float64Array(len);
    let slot = 0;
    for (let i = 0; i < n; i++) {
      const typical = (high[i] + low[i] + close[i]) / 3;
      ring[slot] = typical;
      slot = slot + 1 === len ? 0 : slot + 1;
      if (i < len - 1) continue;
      let sum = 0;
      for (let j = 0; j < len; j++) sum += ring[j];
      const average = sum / len;
      let deviation = 0;
      for (let j = 0; j < len; j++) deviation += Math.abs(ring[j] - average);
      deviation /= len;
      const distance = typical - average;
      // Flatness is judged relative to the window's own price level, as TA-Lib does.
      const scale = Math.abs(average);
      out[i] = isZeroScaled(distance, scale) || isZeroScaled(deviation, scale) ? 0 : distance / (0.015 * deviation);
    }
    return [out];
  },
});
