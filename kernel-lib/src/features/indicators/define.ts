import type { IndicatorDef, IndicatorParams } from "./types.js";

/** Identity helper that lets TypeScript infer an indicator's parameter type from its zod schema. */
export function defineIndicator<P extends IndicatorParams>(def: IndicatorDef<P>): IndicatorDef<P> {
  return def;
}
