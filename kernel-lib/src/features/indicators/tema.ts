import { z } from "zod";
import { emaFactor } from "./core/ema.js";
import { warmupArray } from "./core/nan-array.js";
import { defineIndicator } from "./define.js";
import { columnName } from "./naming.js";
import { period } from "./params.js";

/** Triple EMA: 3·EMA − 3·EMA(EMA) + EMA(EMA(EMA)) of the close (TA-Lib TEMA). */
export const tema = defineIndicator({
  name: "tema",
  description: "Triple exponential moving average of the close: 3·EMA − 3·EMA(EMA) + EMA(EMA(EMA)).",
  params: z.strictObject({ period: period(20) }),
  outputs: (p) => [columnName("tema", p.period)],
  lookback: (p) => 3 * (p.period - 1),
  compute(input, p) {
    const src = input.close;
    const n = src.length;
    const out = warmupArray(n, 3 * (p.period - 1));
    const len = p.period;
    const lag = len - 1;
    const start = 3 * lag;
    if (start >= n) return [out];
    const k = emaFactor(len);
    // Three EMAs in lockstep (TA-Lib's tema.c): each seeded with the mean of its first `period`
    // inputs, accumulated as the EMA before it produces them.
    let sum = 0;
    for (let i = 0; i < len; i++) sum += src[i];
    let e1 = sum / len;
    let sum2 = e1;
    for (let i = len; i <= 2 * lag; i++) {
      e1 = (src[i] - e1) * k + e1;
      sum2 += e1;
    }
    let e2 = sum2 / len;
    let sum3 = e2;
    for (let i = 2 * lag + 1; i <= start; i++) {
      e1 = (src[i] - e1) * k + e1;
      e2 = (e1 - e2) * k + e2;
      sum3 += e2;
    }
    let e3 = sum3 / len;
    out[start] = e3 + (3 * e1 - 3 * e2);
    for (let i = start + 1; i < n; i++) {
      e1 = (src[i] - e1) * k + e1;
      e2 = (e1 - e2) * k + e2;
      e3 = (e2 - e3) * k + e3;
      out[i] = e3 + (3 * e1 - 3 * e2);
    }
    return [out];
  },
});
