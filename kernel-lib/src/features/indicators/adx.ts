import { z } from "zod";
import { directionalMovementInto } from "./core/directional-movement.js";
import { warmupArray } from "./core/nan-array.js";
import { defineIndicator } from "./define.js";
import { columnName } from "./naming.js";
import { period } from "./params.js";

/** Average directional index (TA-Lib ADX). */
export const adx = defineIndicator({
  name: "adx",
  description: "Average directional index: Wilder-smoothed DX, trend strength 0–100 whatever its direction.",
  params: z.strictObject({ period: period(14) }),
  outputs: (p) => [columnName("adx", p.period)],
  lookback: (p) => 2 * p.period - 1,
  compute(input, p) {
    const out = warmupArray(input.close.length, 2 * p.period - 1);
    directionalMovementInto(input.high, input.low, input.close, p.period, { adx: out });
    return [out];
  },
});
