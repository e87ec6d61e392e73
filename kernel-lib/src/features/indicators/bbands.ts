import { z } from "zod";
import { warmupArray } from "./core/nan-array.js";
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
    const len = p.period;
    if (len > n) return [upper, middle, lower, percentB, bandwidth];
    // σ: TA-Lib's cancellation-free rolling variance, staged in the upper-band column (each bar
    // reads it before writing its band).
    varianceInto(close, 0, len, upper);
    // Middle band: TA-Lib's running-sum SMA (add, emit, subtract), inline with the bands.
    let total = 0;
    for (let i = 0; i < first; i++) total += close[i];
    for (let i = first; i < n; i++) {
      const c = close[i];
      total += c;
      const mid = total / len;
      total -= close[i - first];
      const sigma = Math.sqrt(upper[i]);
      const up = mid + sigma * p.devUp;
      const down = mid - sigma * p.devDown;
      upper[i] = up;
      middle[i] = mid;
      lower[i] = down;
      const width = up - down;
      // %B = (close − lower)/width and bandwidth = width/middle with one division (a few ulps
      // from dividing twice). A zero-width band (flat window) puts the close exactly on it: the
      // neutral 0.5; a zero middle gives bandwidth 0.
      const scale = width * mid;
      if (Math.abs(scale) >= 1e-300) {
        const inverse = 1 / scale;
        percentB[i] = (c - down) * mid * inverse;
        bandwidth[i] = width * width * inverse;
      } else {
        percentB[i] = width !== 0 ? (c - down) / width : 0.5;
        bandwidth[i] = mid !== 0 ? width / mid : 0;
      }
    }
    return [upper, middle, lower, percentB, bandwidth];
  },
});
