import { z } from "zod";
import { warmupArray } from "./core/nan-array.js";
import { defineIndicator } from "./define.js";
import { columnName } from "./naming.js";
import { period } from "./params.js";

/** Wilder's relative strength index of the close (TA-Lib RSI). */
export const rsi = defineIndicator({
  name: "rsi",
  description: "Wilder's relative strength index of the close, 0–100 (0 when nothing moved, as TA-Lib).",
  params: z.strictObject({ period: period(14) }),
  outputs: (p) => [columnName("rsi", p.period)],
  lookback: (p) => p.period,
  compute(input, p) {
    const src = input.close;
    const n = src.length;
    const out = warmupArray(n, p.period);
    const len = p.period;
    if (len >= n) return [out];
    // Seed: plain averages of the gains and losses of the first `period` changes.
    let gain = 0;
    let loss = 0;
    for (let i = 1; i <= len; i++) {
      const change = src[i] - src[i - 1];
      if (change < 0) loss -= change;
      else gain += change;
    }
    gain /= len;
    loss /= len;
    out[len] = ratio(gain, loss);
    // Then Wilder smoothing: avg = (avg × (period − 1) + today) / period, the division done as a
    // multiplication by 1/period: it sits on the loop-carried chain, where a division's latency
    // dominates; the results stay within an ulp or two of TA-Lib's.
    const keep = len - 1;
    const inv = 1 / len;
    for (let i = len + 1; i < n; i++) {
      const change = src[i] - src[i - 1];
      // Branch-free split of the change (exact: the other side adds ±0): up and down days
      // alternate unpredictably, and a mispredicted branch costs more than the arithmetic.
      const down = +(change < 0);
      loss *= keep;
      gain *= keep;
      loss -= down * change;
      gain += (1 - down) * change;
      loss *= inv;
      gain *= inv;
      out[i] = ratio(gain, loss);
    }
    return [out];
  },
});

/** 100 · gain / (gain + loss), or 0 when there was neither (TA-Lib's convention). */
function ratio(gain: number, loss: number): number {
  const total = gain + loss;
  return total > 0 ? 100 * (gain / total) : 0;
}
