/**
 * Zod builders for indicator parameters, so every indicator rejects the same mistakes with the
 * same words: a period must be a whole number of bars within TA-Lib's accepted range.
 */
import { z } from "zod";

/** Largest period TA-Lib accepts; we accept the same. */
export const MAX_PERIOD = 100_000;

/** A window length in bars: an integer from `min` to 100,000, defaulting to `defaultValue`. */
export function period(defaultValue: number, min = 2) {
  return z
    .number({ error: "must be a number of bars" })
    .int({ error: "must be a whole number of bars" })
    .min(min, { error: `must be at least ${min} bars` })
    .max(MAX_PERIOD, { error: `must be at most ${MAX_PERIOD} bars` })
    .default(defaultValue);
}

/** A finite, non-negative multiplier (band width in standard deviations or ATRs). */
export function multiplier(defaultValue: number) {
  return z
    .number({ error: "must be a number" })
    .min(0, { error: "must not be negative" })
    .max(1_000, { error: "must be at most 1000" })
    .default(defaultValue);
}
