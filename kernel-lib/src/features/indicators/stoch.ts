import { z } from "zod";
import { isZeroScaled } from "./core/epsilon.js";
import { warmupArray } from "./core/nan-array.js";
import { smaInto } from "./core/sma.js";
import { windowRangeBuffers, windowRangeInto } from "./core/window-range.js";
import { defineIndicator } from "./define.js";
import { columnName } from "./naming.js";
import { period } from "./params.js";

/** Slow stochastic oscillator %K and %D with SMA smoothing (TA-Lib STOCH, MA type SMA). */
export const stoch = defineIndicator({
  name: "stoch",
  description:
    "Slow stochastic: fast %K = 100·(close − lowest low)/(highest high − lowest low) over kPeriod, %K = its SMA over kSlowing, %D = SMA of %K over dPeriod.",
  params: z.strictObject({ kPeriod: period(14, 1), kSlowing: period(3, 1), dPeriod: period(3, 1) }),
  outputs: (p) => {
    const values = [p.kPeriod, p.kSlowing, p.dPeriod];
    return [columnName("stoch_k", ...values), columnName("stoch_d", ...values)];
  },
  lookback: (p) => p.kPeriod - 1 + (p.kSlowing - 1) + (p.dPeriod - 1),
  compute(input, p) {
    const { high, low, close } = input;
    const n = close.length;
    const kStart = p.kPeriod - 1;
    const dStart = kStart + p.kSlowing - 1;
    const first = dStart + p.dPeriod - 1;
    const slowK = warmupArray(n, first);
    const slowD = warmupArray(n, first);
    // Fast %K is staged in the %D column, which is only written after %K has consumed it.
    const fastK = slowD;
    const buffers = windowRangeBuffers(p.kPeriod);
    const { top, bottom } = buffers;
    for (let from = 0; from < n; ) {
      const to = windowRangeInto(high, low, p.kPeriod, from, buffers);
      for (let i = Math.max(from, kStart); i < to; i++) {
        const highest = top[i - from];
        const lowest = bottom[i - from];
        const width = highest - lowest;
        // A flat window (range within rounding of its own extremes) gives 0, as TA-Lib does.
        fastK[i] = isZeroScaled(width, Math.abs(highest) + Math.abs(lowest)) ? 0 : (close[i] - lowest) / (width / 100);
      }
      from = to;
    }
    smaInto(fastK, kStart, p.kSlowing, slowK);
    smaInto(slowK, dStart, p.dPeriod, slowD);
    // TA-Lib emits %K only from the first bar that also has a %D; clear the staged fast %K too.
    slowK.fill(Number.NaN, 0, Math.min(n, first));
    slowD.fill(Number.NaN, 0, Math.min(n, first));
    return [slowK, slowD];
  },
});
