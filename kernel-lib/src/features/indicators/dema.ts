import { z } from "zod";
import { emaFactor } from "./core/ema.js";
import { warmupArray } from "./core/nan-array.js";
import { defineIndicator } from "./define.js";
import { columnName } from "./naming.js";
import { period } from "./params.js";

/** Double EMA: 2·EMA(close) − EMA(EMA(close)) (TA-Lib DEMA). */
export const dema = defineIndicator({
  name: "dema",
  description: "Double exponential moving average of the close: 2·EMA − EMA(EMA).",
  params: z.strictObject({ period: period(20) }),
  outputs: (p) => [columnName("dema", p.period)],
  lookback: (p) => 2 * (p.period - 1),
  compute(input, p) {
    const src = input.close;
    const n = src.length;
    const out = warmupArray(n, 2 * (p.period - 1));
    const len = p.period;
    const start = 2 * (len - 1);
    if (start >= n) return [out];
    const k = emaFactor(len);
    // Both EMAs advance in lockstep (no intermediate arrays). Each is seeded with the mean of its
    // first `period` inputs, the second one's inputs being the first one's outputs, as TA-Lib does.
    let sum = 0;
    for (let i = 0; i < len; i++) sum += src[i];
    let e1 = sum / len;
    let sum2 = e1;
    for (let i = len; i <= start; i++) {
      e1 = (src[i] - e1) * k + e1;
      sum2 += e1;
    }
    let e2 = sum2 / len;
    out[start] = 2 * e1 - e2;
    for (let i = start + 1; i < n; i++) {
      e1 = (src[i] - e1) * k + e1;
      e2 = (e1 - e2) * k + e2;
      out[i] = 2 * e1 - e2;
    }
    return [out];
  },
});
