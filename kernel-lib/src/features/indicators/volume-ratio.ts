import { z } from "zod";
import { warmupArray } from "./core/nan-array.js";
import { smaInto } from "./core/sma.js";
import { defineIndicator } from "./define.js";
import { columnName } from "./naming.js";
import { period } from "./params.js";

/** Volume relative to its moving average (no TA-Lib counterpart). */
export const volumeRatio = defineIndicator({
  name: "volume_ratio",
  description: "Volume ratio: volume / SMA(volume, period), the current bar included in the average; 0 when the average is 0.",
  params: z.strictObject({ period: period(20) }),
  outputs: (p) => [columnName("volume_ratio", p.period)],
  lookback: (p) => p.period - 1,
  compute(input, p) {
    const volume = input.volume;
    const out = warmupArray(volume.length, p.period - 1);
    smaInto(volume, 0, p.period, out);
    for (let i = p.period - 1; i < volume.length; i++) {
      const average = out[i];
      // Volumes are non-negative, so a non-positive average is a window without trading (or its residue).
      out[i] = average > 0 ? volume[i] / average : 0;
    }
    return [out];
  },
});
