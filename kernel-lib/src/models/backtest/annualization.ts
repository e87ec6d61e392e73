/**
 * Bars per year by interval, for annualizing returns, volatility and ratios: 252 trading days,
 * 6.5 trading hours (390 minutes) a day, 52 weeks, 12 months.
 */
import type { Interval } from "../../data/frame.js";

const TRADING_DAYS = 252;
const MINUTES_PER_DAY = 390;

/** Bars per year of each interval (intraday: 252 × 390 / minutes per bar). */
export const PERIODS_PER_YEAR: Readonly<Record<Interval, number>> = {
  "1m": (TRADING_DAYS * MINUTES_PER_DAY) / 1,
  "2m": (TRADING_DAYS * MINUTES_PER_DAY) / 2,
  "5m": (TRADING_DAYS * MINUTES_PER_DAY) / 5,
  "15m": (TRADING_DAYS * MINUTES_PER_DAY) / 15,
  "30m": (TRADING_DAYS * MINUTES_PER_DAY) / 30,
  "60m": (TRADING_DAYS * MINUTES_PER_DAY) / 60,
  "90m": (TRADING_DAYS * MINUTES_PER_DAY) / 90,
  "1h": (TRADING_DAYS * MINUTES_PER_DAY) / 60,
  "1d": TRADING_DAYS,
  "5d": TRADING_DAYS / 5,
  "1wk": 52,
  "1mo": 12,
  "3mo": 4,
};

/** Bars per year of `interval`. */
export function periodsPerYear(interval: Interval): number {
  return PERIODS_PER_YEAR[interval];
}
