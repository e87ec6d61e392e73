/**
 * The contract every built-in indicator must keep, checked exhaustively over the registry:
 * warm-up equals lookback, output length equals input length, outputs are causal (a bar's value
 * never depends on later bars), names are well formed, and bad parameters are refused.
 */
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { InvalidInput } from "../../errors.js";
import { validate } from "../../util/validate.js";
import { builtinIndicators } from "./index.js";
import { testBars } from "./test-bars.js";
import type { IndicatorDef, IndicatorParams } from "./types.js";

/** Parameters that count bars: each must reject 0, negatives and fractions. */
const PERIOD_KEYS = ["period", "fastPeriod", "slowPeriod", "signalPeriod", "kPeriod", "kSlowing", "dPeriod", "atrPeriod"];

function shapeOf(def: IndicatorDef<IndicatorParams>): Record<string, z.ZodType> {
  return (def.params as unknown as z.ZodObject).shape;
}

function leadingNaNs(column: Float64Array): number {
  let i = 0;
  while (i < column.length && Number.isNaN(column[i])) i++;
  return i;
}

/** Default params, plus variants with every period at a small and a large value. */
function paramVariants(def: IndicatorDef<IndicatorParams>): IndicatorParams[] {
  const periods = Object.keys(shapeOf(def)).filter((k) => PERIOD_KEYS.includes(k));
  const variants: IndicatorParams[] = [{}];
  if (periods.length > 0) {
    // MACD needs fast < slow, so grow each period with its position.
    variants.push(Object.fromEntries(periods.map((k, i) => [k, 2 + i])));
    variants.push(Object.fromEntries(periods.map((k, i) => [k, 30 + 7 * i])));
  }
  return variants;
}

const bars = testBars(400);

describe("builtin indicator registry", () => {
  it("has at least 30 indicators with unique snake_case names and one-line descriptions", () => {
    expect(builtinIndicators.length).toBeGreaterThanOrEqual(30);
    const names = builtinIndicators.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    for (const def of builtinIndicators) {
      expect(def.name).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
      expect(def.description.length).toBeGreaterThan(10);
      expect(def.description).not.toContain("\n");
    }
  });
});

describe.each(builtinIndicators.map((def) => [def.name, def] as const))("%s", (_name, def) => {
  it.each(paramVariants(def).map((raw) => [JSON.stringify(raw), raw] as const))(
    "params %s: one column per output, input length, NaN exactly during the lookback",
    (_label, raw) => {
      const params = def.params.parse(raw);
      const outputs = def.outputs(params);
      const lookback = def.lookback(params);
      const columns = def.compute(bars, params);
      expect(columns).toHaveLength(outputs.length);
      expect(new Set(outputs).size).toBe(outputs.length);
      for (const [k, column] of columns.entries()) {
        expect(outputs[k]).toMatch(/^[a-z][a-z0-9_.]*$/);
        expect(column).toBeInstanceOf(Float64Array);
        expect(column.length).toBe(bars.close.length);
        expect(leadingNaNs(column), `${outputs[k]} warm-up`).toBe(lookback);
        expect(column.subarray(lookback).some(Number.isNaN), `${outputs[k]} NaN after warm-up`).toBe(false);
      }
    },
  );

  it("never looks ahead: values on a prefix equal the values on the whole series", () => {
    for (const raw of paramVariants(def)) {
      const params = def.params.parse(raw);
      const full = def.compute(bars, params);
      for (const cut of [1, def.lookback(params), def.lookback(params) + 1, 137, 399]) {
        const prefix = {
          open: bars.open.subarray(0, cut),
          high: bars.high.subarray(0, cut),
          low: bars.low.subarray(0, cut),
          close: bars.close.subarray(0, cut),
          volume: bars.volume.subarray(0, cut),
        };
        const partial = def.compute(prefix, params);
        for (const [k, column] of partial.entries()) {
          expect(Array.from(column), `${def.outputs(params)[k]} on ${cut} bars`).toEqual(Array.from(full[k].subarray(0, cut)));
        }
      }
    }
  });

  it("returns all-NaN columns for a series shorter than the warm-up, and empty ones for no bars", () => {
    const params = def.params.parse({});
    const lookback = def.lookback(params);
    const short = testBars(lookback);
    for (const column of def.compute(short, params)) expect(column.every(Number.isNaN)).toBe(true);
    for (const column of def.compute(testBars(0), params)) expect(column.length).toBe(0);
  });

  it("refuses unknown parameters", () => {
    expect(def.params.safeParse({ perido: 3 }).success).toBe(false);
  });

  const periodKeys = Object.keys(shapeOf(def)).filter((k) => PERIOD_KEYS.includes(k));
  if (periodKeys.length > 0) {
    it.each(periodKeys)("refuses %s = 0, negative, fractional, non-numeric or above 100000 with a typed error", (key) => {
      for (const bad of [0, -1, -14, 2.5, "14", 100_001, Number.NaN]) {
        const attempt = () => validate(def.params, { [key]: bad }, `${def.name} parameters`);
        expect(attempt, `${key} = ${String(bad)}`).toThrow(InvalidInput);
        expect(attempt).toThrow(new RegExp(`${def.name} parameters: ${key}: `));
      }
    });
  }
});
