import { z } from "zod";
import { isZeroScaled } from "./core/epsilon.js";
import { warmupArray } from "./core/nan-array.js";
import { defineIndicator } from "./define.js";
import { columnName } from "./naming.js";
import { period } from "./params.js";

/** Money flow index (TA-Lib MFI). */
export const mfi = defineIndicator({
  name: "mfi",
  description:
    "Money flow index: 100 · positive money flow / total money flow over `period` bars, money flow = typical price × volume; 0 when no money flowed.",
  params: z.strictObject({ period: period(14) }),
  outputs: (p) => [columnName("mfi", p.period)],
  lookback: (p) => p.period,
  compute(input, p) {
    const { high, low, close, volume } = input;
    const n = close.length;
    const out = warmupArray(n, p.period);
    const len = p.period;
    if (len >= n) return [out];
    // Ring buffers of each bar's positive and negative flow, so the oldest can be subtracted.
    const positive = new Float64Array(len);
    const negative = new Float64Array(len);
    let slot = 0;
    let posSum = 0;
    let negSum = 0;
    // Consecutive bars that added nothing: a whole period of them means both sums are exactly 0,
    // whatever rounding residue the add/subtract updates left behind (TA-Lib #244).
    let nullRun = 0;
    let prevTypical = (high[0] + low[0] + close[0]) / 3;
    for (let i = 1; i < n; i++) {
      if (i > len) {
        posSum -= positive[slot];
        negSum -= negative[slot];
      }
      const typical = (high[i] + low[i] + close[i]) / 3;
      const change = typical - prevTypical;
      // A change within rounding of the two prices is no movement (TA-Lib #107).
      const flat = isZeroScaled(change, Math.abs(typical) + Math.abs(prevTypical));
      prevTypical = typical;
      const flow = flat ? 0 : typical * volume[i];
      // Branch-free split (up and down bars alternate unpredictably): one side gets 0 × flow.
      const down = +(change < 0);
      const pos = (1 - down) * flow;
      const neg = down * flow;
      positive[slot] = pos;
      negative[slot] = neg;
      posSum += pos;
      negSum += neg;
      nullRun = flow === 0 ? nullRun + 1 : 0;
      if (nullRun >= len) {
        nullRun = len;
        posSum = 0;
        negSum = 0;
      }
      slot = slot + 1 === len ? 0 : slot + 1;
      if (i < len) continue;
      const total = posSum + negSum;
      // Clamp the numerator: a sum near zero can drift a few ulps negative.
      const positiveShare = Math.min(Math.max(posSum, 0), total);
      out[i] = total <= 0 ? 0 : 100 * (positiveShare / total);
    }
    return [out];
  },
});
