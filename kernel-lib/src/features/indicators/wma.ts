import { z } from "zod";
import { warmupArray } from "./core/nan-array.js";
import { defineIndicator } from "./define.js";
import { columnName } from "./naming.js";
import { period } from "./params.js";

/** Linearly weighted moving average of the close, newest bar weighted `period` (TA-Lib WMA). */
export const wma = defineIndicator({
  name: "wma",
  description: "Linearly weighted moving average of the close: weights 1..period, newest bar heaviest.",
  params: z.strictObject({ period: period(20) }),
  outputs: (p) => [columnName("wma", p.period)],
  lookback: (p) => p.period - 1,
  compute(input, p) {
    const src = input.close;
    const n = src.length;
    const out = warmupArray(n, p.period - 1);
    const len = p.period;
    if (len > n) return [out];
    // TA-Lib's O(1) update: periodSum holds Σ wᵢxᵢ, periodSub Σ xᵢ over the window. Both are rebuilt
    // from the window every 8·period bars (TA-Lib #255) so rounding residue cannot pile up.
    const divider = (len * (len + 1)) / 2;
    let periodSub = 0;
    let periodSum = 0;
    for (let i = 0; i < len - 1; i++) {
      periodSub += src[i];
      periodSum += src[i] * (i + 1);
    }
    let barsSinceReseed = 8 * len;
    let trailingValue = 0;
    let trailing = 0;
    for (let i = len - 1; i < n; i++) {
      const x = src[i];
      periodSub += x;
      periodSub -= trailingValue;
      periodSum += x * len;
      if (--barsSinceReseed <= 0) {
        barsSinceReseed = 8 * len;
        periodSub = 0;
        periodSum = 0;
        let weight = 1;
        for (let j = i - len + 1; j <= i; j++) {
          periodSub += src[j];
          periodSum += src[j] * weight++;
        }
      }
      trailingValue = src[trailing++];
      out[i] = periodSum / divider;
      periodSum -= periodSub;
    }
    return [out];
  },
});
