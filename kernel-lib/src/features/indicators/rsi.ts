import { z } from "zod";
import { nanArray } from "./core/nan-array.js";
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
    const out = nanArray(n);
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
    // Then Wilder smoothing: avg = (avg × (period − 1) + today) / period.
    const keep = len - 1;
    for (let i = len + 1; i < n; i++) {
      const change = src[i] - src[i - 1];
      loss *= keep;
      gain *= keep;
      if (change < 0) loss -= change;
      else gain += change;
      loss /= len;
      gain /= len;
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
