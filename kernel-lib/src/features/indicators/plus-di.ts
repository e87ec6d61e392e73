import { z } from "zod";
import { directionalMovementInto } from "./core/directional-movement.js";
import { warmupArray } from "./core/nan-array.js";
import { defineIndicator } from "./define.js";
import { columnName } from "./naming.js";
import { period } from "./params.js";

/** Plus directional indicator (TA-Lib PLUS_DI). */
export const plusDi = defineIndicator({
  name: "plus_di",
  description: "Plus directional indicator: 100 · smoothed +DM / smoothed true range.",
  params: z.strictObject({ period: period(14) }),
  outputs: (p) => [columnName("plus_di", p.period)],
  lookback: (p) => p.period,
  compute(input, p) {
    const out = warmupArray(input.close.length, p.period);
    directionalMovementInto(input.high, input.low, input.close, p.period, { plusDI: out });
    return [out];
  },
});
