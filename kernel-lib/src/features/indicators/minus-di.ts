import { z } from "zod";
import { directionalMovementInto } from "./core/directional-movement.js";
import { warmupArray } from "./core/nan-array.js";
import { defineIndicator } from "./define.js";
import { columnName } from "./naming.js";
import { period } from "./params.js";

/** Minus directional indicator (TA-Lib MINUS_DI). */
export const minusDi = defineIndicator({
  name: "minus_di",
  description: "Minus directional indicator: 100 · smoothed −DM / smoothed true range.",
  params: z.strictObject({ period: period(14) }),
  outputs: (p) => [columnName("minus_di", p.period)],
  lookback: (p) => p.period,
  compute(input, p) {
    const out = warmupArray(input.close.length, p.period);
    directionalMovementInto(input.high, input.low, input.close, p.period, { minusDI: out });
    return [out];
  },
});
