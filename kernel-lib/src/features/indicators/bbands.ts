import { z } from "zod";
import { warmupArray } from "./core/nan-array.js";
import { smaInto } from "./core/sma.js";
import { varianceInto } from "./core/variance.js";
import { defineIndicator } from "./define.js";
import { columnName } from "./naming.js";
import { multiplier, period } from "./params.js";

/**
 * Bollinger Bands of the close (TA-Lib BBANDS with an SMA middle band and population standard
 * deviation), plus %B and bandwidth derived from them.
 */
export const bbands = defineIndicator({
  name: "bbands",
  description:
    "Bollinger Bands: SMA ± k·σ (population σ) of the close, %B = (close − lower)/(upper − lower), bandwidth = (upper − lower)/middle.",
  params: z.strictObject({ period: period(20), devUp: multiplier(2), devDown: multiplier(2) }),
  outputs: (p) => {
    const values = [p.period, p.devUp, p.devDown];
    return ["bb_upper", "bb_middle", "bb_lower", "bb_percent_b", "bb_bandwidth"].map((stem) =>
      columnName(stem, ...values),
    );
  },
  lookback: (p) => p.period - 1,
  compute(input, p) {
    const close = input.close;
    const n = close.length;
    const first = p.period - 1;
    const upper = warmupArray(n, first);
    const middle = warmupArray(n, first);
    const lower = warmupArray(n, first);
    const percentB = warmupArray(n, first);
    const bandwidth = warmupArray(n, first);
    // Middle band: TA-Lib's running-sum SMA. σ: TA-Lib's cancellation-free rolling variance.
    smaInto(close, 0, p.period, middle);
    // The variance is staged in the upper-band column; each bar reads it before writing its band.
    varianceInto(close, 0, p.period, upper);
    for (let i = p.period - 1; i < n; i++) {
      const sigma = Math.sqrt(upper[i]);
      const mid = middle[i];
      const up = mid + sigma * p.devUp;
      const down = mid - sigma * p.devDown;
      upper[i] = up;
      lower[i] = down;
      const width = up - down;
      // A zero-width band (flat window) puts the close exactly on it: report the neutral 0.5.
      percentB[i] = width !== 0 ? (close[i] - down) / width : 0.5;
      bandwidth[i] = mid !== 0 ? width / mid : 0;
    }
    return [upper, middle, lower, percentB, bandwidth];
  },
});
