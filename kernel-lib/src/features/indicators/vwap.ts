import { z } from "zod";
import { warmupArray } from "./core/nan-array.js";
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
    const out = warmupArray(n, p.period - 1);
    const len = p.period;
    if (len > n) return [out];
    // The window's typical prices, price × volume and volumes, in rings of `period` slots: each
    // bar's typical price is computed once, and the bar leaving the window is read from L1.
    const tpRing = new Float64Array(len);
    const pvRing = new Float64Array(len);
    const volumeRing = new Float64Array(len);
    let sumPV = 0;
    let sumV = 0;
    let sumTP = 0;
    let tradedBars = 0;
    for (let i = 0; i < len - 1; i++) {
      const tp = (high[i] + low[i] + close[i]) / 3;
      tpRing[i] = tp;
      pvRing[i] = tp * volume[i];
      volumeRing[i] = volume[i];
      tradedBars += +(volume[i] > 0);
    }
    // Sums are updated in O(1) and recomputed exactly every `period` bars, so the residue of
    // add/subtract updates never accumulates (it would otherwise leak into zero-volume windows).
    let untilRebase = 0;
    let slot = len - 1;
    for (let i = len - 1; i < n; i++) {
      const v = volume[i];
      const tp = (high[i] + low[i] + close[i]) / 3;
      const pv = tp * v;
      // The slot holds bar i − period (zeros before the first full window).
      const oldTP = tpRing[slot];
      const oldPV = pvRing[slot];
      const oldV = volumeRing[slot];
      tpRing[slot] = tp;
      pvRing[slot] = pv;
      volumeRing[slot] = v;
      slot = slot + 1 === len ? 0 : slot + 1;
      tradedBars += +(v > 0) - +(oldV > 0);
      if (untilRebase === 0) {
        // Oldest first: the slot after today's.
        sumPV = 0;
        sumV = 0;
        sumTP = 0;
        for (let k = 0, j = slot; k < len; k++, j = j + 1 === len ? 0 : j + 1) {
          sumPV += pvRing[j];
          sumV += volumeRing[j];
          sumTP += tpRing[j];
        }
        untilRebase = len;
      } else {
        sumPV += pv - oldPV;
        sumV += v - oldV;
        sumTP += tp - oldTP;
      }
      untilRebase--;
      out[i] = tradedBars > 0 ? sumPV / sumV : sumTP / len;
    }
    return [out];
  },
});
