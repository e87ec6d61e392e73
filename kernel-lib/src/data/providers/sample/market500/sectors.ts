/**
 * The ten sectors of the sample500 market. Each has its own factor (a GARCH(1,1), Student-t return
 * series like the market factor, but calmer) that every member loads on, so returns correlate more
 * within a sector than across sectors; the sector also sets its members' typical market beta.
 */

/** The sector names of the sample500 market, in a fixed order. */
export const SAMPLE500_SECTORS = [
  "Technology",
  "Healthcare",
  "Financials",
  "Energy",
  "Industrials",
  "Consumer Discretionary",
  "Consumer Staples",
  "Utilities",
  "Materials",
  "Communication",
] as const;

/** One sector of the sample500 market. */
export type Sample500Sector = (typeof SAMPLE500_SECTORS)[number];

/** What gives a sector its character. */
export interface SectorSpec {
  name: Sample500Sector;
  /** Share of the universe's tickers in this sector. */
  weight: number;
  /** Typical market beta of its members. */
  beta: number;
  /** Annualized volatility of the sector factor. */
  vol: number;
}

/** The sectors with their weights, betas and factor volatilities. */
export const SECTOR_SPECS: readonly SectorSpec[] = [
  { name: "Technology", weight: 0.15, beta: 1.2, vol: 0.14 },
  { name: "Healthcare", weight: 0.12, beta: 0.8, vol: 0.11 },
  { name: "Financials", weight: 0.13, beta: 1.15, vol: 0.13 },
  { name: "Energy", weight: 0.07, beta: 1.0, vol: 0.18 },
  { name: "Industrials", weight: 0.12, beta: 1.05, vol: 0.09 },
  { name: "Consumer Discretionary", weight: 0.11, beta: 1.1, vol: 0.1 },
  { name: "Consumer Staples", weight: 0.08, beta: 0.6, vol: 0.08 },
  { name: "Utilities", weight: 0.06, beta: 0.45, vol: 0.1 },
  { name: "Materials", weight: 0.07, beta: 1.0, vol: 0.13 },
  { name: "Communication", weight: 0.09, beta: 0.95, vol: 0.11 },
];
