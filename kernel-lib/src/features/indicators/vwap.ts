import { z } from "zod";
import { nanArray } from "./core/nan-array.js";
import { defineIndicator } from "./define.js";
import { columnName } from "./naming.js";
import { period } from "./params.js";

/** Rolling volume-weighted average price (no TA-Lib counterpart). */
export const vwap = defineIndicator({
  name: "vwap",
  description:
    "Rolling VWAP: Σ(typical price × volume) / Σ volume over the last `period` bars, typical price = (high+low+close)/3; the plain mean typical price when no volume traded in the window.",
  params: z.strictObject({ period: period(20) }),
  outputs: (p) => [columnName("vwap", p.period)],
  lookback: (p) => p.period - 1,
  compute(input, p) {
    const { high, low, close, volume } = input;
    const n = close.length;
    const out = nanArray(n);
    const len = p.period;
    if (len > n) return [out];
    // Typical price of bar j, recomputed where needed rather than stored.
    const typical = (j: number) => (high[j] + low[j] + close[j]) / 3;
    let sumPV = 0;
    let sumV = 0;
    let sumTP = 0;
    let tradedBars = 0;
    for (let i = 0; i < len - 1; i++) if (volume[i] > 0) tradedBars++;
    // Sums are updated in O(1) and recomputed exactly every `period` bars, so the residue of
    // add/subtract updates never accumulates (it would otherwise leak into zero-volume windows).
    let untilRebase = 0;
    for (let i = len - 1; i < n; i++) {
      if (volume[i] > 0) tradedBars++;
      if (i >= len && volume[i - len] > 0) tradedBars--;
      if (untilRebase === 0) {
        sumPV = 0;
        sumV = 0;
        sumTP = 0;
        for (let j = i - len + 1; j <= i; j++) {
          sumPV += typical(j) * volume[j];
          sumV += volume[j];
          sumTP += typical(j);
        }
        untilRebase = len;
      } else {
        const old = i - len;
        const tpNew = typical(i);
        const tpOld = typical(old);
        sumPV += tpNew * volume[i] - tpOld * volume[old];
        sumV += volume[i] - volume[old];
        sumTP += tpNew - tpOld;
      }
      untilRebase--;
      out[i] = tradedBars > 0 ? sumPV / sumV : sumTP / len;
    }
    return [out];
  },
});
