/**
 * The contract every indicator kernel fulfils, built-in or registered from a notebook.
 *
 * Output column naming convention (see naming.ts): `<stem>_<param values in schema order>`,
 * e.g. `rsi_14`, `macd_signal_12_26_9`, `bb_upper_20_2_2`; an indicator without parameters
 * names its column after its stem alone (`obv`, `trange`, `hl_ratio`). Single-output indicators
 * use the indicator name as the stem; multi-output ones use one stem per output.
 */
import type { z } from "zod";

/** The OHLCV columns an indicator reads: equal lengths, oldest bar first. */
export interface IndicatorInput {
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

/** Parameters of an indicator after validation (defaults applied). */
export type IndicatorParams = Record<string, unknown>;

/** One indicator: its name, parameters, output columns, warm-up and kernel. */
export interface IndicatorDef<P extends IndicatorParams = IndicatorParams> {
  /** snake_case identifier, unique in a registry, e.g. `rsi`, `bbands`, `macd`. */
  name: string;
  /** One line saying what the indicator measures. */
  description: string;
  /** Zod schema of the parameters, with defaults; rejects unknown keys. */
  params: z.ZodType<P>;
  /** Output column names for these parameters, one per array `compute` returns. */
  outputs(params: P): string[];
  /** Number of leading NaN values in every output (TA-Lib's `*_Lookback` where TA-Lib has the indicator). */
  lookback(params: P): number;
  /** One array per output, each as long as the input, NaN during the warm-up. Params must be validated. */
  compute(input: IndicatorInput, params: P): Float64Array[];
}
