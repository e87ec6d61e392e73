import { z } from "zod";
import { atrInto } from "./core/atr.js";
import { emaFactor, emaInto } from "./core/ema.js";
import { warmupArray } from "./core/nan-array.js";
import { defineIndicator } from "./define.js";
import { columnName } from "./naming.js";
import { multiplier, period } from "./params.js";

/** Keltner channel: EMA middle line ± multiplier × ATR (no single TA-Lib counterpart). */
export const keltner = defineIndicator({
  name: "keltner",
  description:
    "Keltner channel: middle = EMA(close, period), upper/lower = middle ± multiplier × ATR(atrPeriod) (Wilder ATR, as TA-Lib).",
  params: z.strictObject({ period: period(20), atrPeriod: period(10), multiplier: multiplier(2) }),
  outputs: (p) => {
    const values = [p.period, p.atrPeriod, p.multiplier];
    return [columnName("kc_upper", ...values), columnName("kc_middle", ...values), columnName("kc_lower", ...values)];
  },
  lookback: (p) => Math.max(p.period - 1, p.atrPeriod),
  compute(input, p) {
    const { high, low, close } = input;
    const n = close.length;
    const start = Math.max(p.period - 1, p.atrPeriod);
    const upper = warmupArray(n, start);
    const middle = warmupArray(n, start);
    const lower = warmupArray(n, start);
    emaInto(close, 0, p.period, emaFactor(p.period), middle);
    // The ATR is staged in the upper-band column; each bar reads it before writing its band.
    atrInto(high, low, close, p.atrPeriod, upper);
    upper.fill(Number.NaN, 0, Math.min(start, n));
    for (let i = start; i < n; i++) {
      const offset = p.multiplier * upper[i];
      upper[i] = middle[i] + offset;
      lower[i] = middle[i] - offset;
    }
    middle.fill(Number.NaN, 0, Math.min(start, n));
    return [upper, middle, lower];
  },
});
