/** Zod schemas of backtest options and the validation of its input series. */
import { z } from "zod";
import { INTERVALS } from "../../data/frame.js";
import { InvalidInput } from "../../errors.js";
import { validate } from "../../util/validate.js";

/** Backtest options (see BacktestOptions for their meaning). */
export const backtestOptionsSchema = z
  .strictObject({
    rule: z.enum(["long_flat", "long_short"], { error: "must be 'long_flat' or 'long_short'" }),
    threshold: z.number({ error: "must be a number" }).refine(Number.isFinite, { error: "must be finite" }).default(0),
    costBps: z.number({ error: "must be a number of basis points" }).min(0, { error: "must not be negative" }).max(10_000, { error: "must be at most 10000 (100%)" }).default(0),
    interval: z.enum(INTERVALS, { error: `must be one of ${INTERVALS.join(", ")}` }).optional(),
    periodsPerYear: z.number().positive({ error: "must be > 0" }).optional(),
    riskFree: z.number({ error: "must be an annual rate, e.g. 0.02" }).gt(-1, { error: "must be > −1" }).default(0),
  })
  .refine((o) => o.interval !== undefined || o.periodsPerYear !== undefined, {
    error: "give interval (e.g. '1d') or periodsPerYear, to annualize",
  });

const float64 = z.instanceof(Float64Array, { error: "must be a Float64Array" });
const inputSchema = z
  .object({ ts: float64, prediction: float64, close: float64.optional(), returns: float64.optional() })
  .refine((i) => (i.close === undefined) !== (i.returns === undefined), { error: "give exactly one of close or returns" });

/** Bar returns (index 0 unused, NaN) from a validated input: from close, or as given. */
export function validateBacktestInput(input: {
  ts: Float64Array;
  prediction: Float64Array;
  close?: Float64Array;
  returns?: Float64Array;
}): Float64Array {
  validate(inputSchema, input, "backtest input");
  const { ts, prediction } = input;
  const n = ts.length;
  if (n < 3) throw new InvalidInput(`A backtest needs at least 3 bars (2 returns for a volatility); got ${n}`);
  for (const [name, column] of Object.entries({ prediction, close: input.close, returns: input.returns })) {
    if (column && column.length !== n) throw new InvalidInput(`backtest ${name} has ${column.length} values but ts has ${n}: they must match bar for bar`);
  }
  for (let t = 0; t < n; t++) {
    if (!Number.isFinite(ts[t]) || (t > 0 && !(ts[t] > ts[t - 1]))) {
      throw new InvalidInput(`backtest ts must be finite and strictly increasing; ts[${t}] = ${ts[t]} is not`);
    }
  }
  const returns = new Float64Array(n);
  returns[0] = Number.NaN;
  for (let t = 1; t < n; t++) {
    if (input.close) {
      const [before, now] = [input.close[t - 1], input.close[t]];
      if (!(before > 0 && Number.isFinite(now) && Number.isFinite(before))) {
        throw new InvalidInput(`backtest close must be finite and > 0; close[${t - 1}] = ${before}, close[${t}] = ${now}`);
      }
      returns[t] = now / before - 1;
    } else {
      returns[t] = input.returns![t];
      if (!Number.isFinite(returns[t]) || returns[t] < -1) {
        throw new InvalidInput(`backtest returns[${t}] = ${returns[t]} is not a finite bar return ≥ −1`);
      }
    }
  }
  return returns;
}
