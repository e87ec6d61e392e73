import { z } from "zod";
import { warmupArray } from "./core/nan-array.js";
import { smaInto } from "./core/sma.js";
import { defineIndicator } from "./define.js";
import { columnName } from "./naming.js";
import { period } from "./params.js";

/** Simple moving average of the volume (TA-Lib SMA applied to volume). */
export const volumeSma = defineIndicator({
  name: "volume_sma",
  description: "Simple moving average of the volume over `period` bars.",
  params: z.strictObject({ period: period(20) }),
  outputs: (p) => [columnName("volume_sma", p.period)],
  lookback: (p) => p.period - 1,
  compute(input, p) {
    const out = warmupArray(input.volume.length, p.period - 1);
    smaInto(input.volume, 0, p.period, out);
    return [out];
  },
});
