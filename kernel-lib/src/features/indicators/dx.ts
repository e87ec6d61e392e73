import { z } from "zod";
import { directionalMovementInto } from "./core/directional-movement.js";
import { warmupArray } from "./core/nan-array.js";
import { defineIndicator } from "./define.js";
import { columnName } from "./naming.js";
import { period } from "./params.js";

/** Directional movement index (TA-Lib DX). */
export const dx = defineIndicator({
  name: "dx",
  description: "Directional movement index: 100 · |+DI − −DI| / (+DI + −DI).",
  params: z.strictObject({ period: period(14) }),
  outputs: (p) => [columnName("dx", p.period)],
  lookback: (p) => p.period,
  compute(input, p) {
    const out = warmupArray(input.close.length, p.period);
    directionalMovementInto(input.high, input.low, input.close, p.period, { dx: out });
    return [out];
  },
});
