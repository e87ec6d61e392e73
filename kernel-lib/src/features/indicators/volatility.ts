import { z } from "zod";
import { warmupArray } from "./core/nan-array.js";
import { varianceInto } from "./core/variance.js";
import { defineIndicator } from "./define.js";
import { columnName } from "./naming.js";
import { period } from "./params.js";

/** Annualized rolling volatility of 1-bar log returns (no TA-Lib counterpart). */
export const volatility = defineIndicator({
  name: "volatility",
  description:
    "Rolling volatility: sample standard deviation of the last `period` 1-bar log returns × √periodsPerYear (252 for daily bars).",
  params: z.strictObject({
    period: period(20),
    periodsPerYear: z
      .number({ error: "must be a number" })
      .positive({ error: "must be positive (252 for daily bars, 52 weekly, 12 monthly)" })
      .max(1e7, { error: "must be at most 10,000,000" })
      .default(252),
  }),
  outputs: (p) => [columnName("volatility", p.period, p.periodsPerYear)],
  lookback: (p) => p.period,
  compute(input, p) {
    const close = input.close;
    const n = close.length;
    const out = warmupArray(n, p.period);
    // 1-bar log returns from bar 1 on (0 where a price is not positive, as in log_returns).
    const logReturns = new Float64Array(n);
    for (let i = 1; i < n; i++) {
      const now = close[i];
      const before = close[i - 1];
      logReturns[i] = now > 0 && before > 0 ? Math.log(now / before) : 0;
    }
    varianceInto(logReturns, 1, p.period, out);
    // Population variance → sample variance (× n/(n−1)), then annualize.
    const scale = Math.sqrt(p.period / (p.period - 1)) * Math.sqrt(p.periodsPerYear);
    for (let i = p.period; i < n; i++) out[i] = Math.sqrt(out[i]) * scale;
    return [out];
  },
});
