/** The trading days of the sample500 market: every NYSE session from 2005-01-03 to 2025-12-31. */
import { requireIsoDate } from "../../dates.js";
import { nyseTradingDays } from "../nyse-calendar.js";
import { SAMPLE_END } from "../universe.js";

/** First bar date of the sample500 market (fixed: the provider's `start` setting applies to the ten original tickers only). */
export const SAMPLE500_START = "2005-01-03";

let cached: readonly number[] | undefined;

/** NYSE sessions from SAMPLE500_START to SAMPLE_END, epoch ms at 00:00 UTC (shared, do not mutate). */
export function sample500Days(): readonly number[] {
  cached ??= nyseTradingDays(requireIsoDate(SAMPLE500_START, "sample500 start"), requireIsoDate(SAMPLE_END, "sample end"));
  return cached;
}
